import { connectionNotOpenMessage } from '../events-mongoose.messages.js';

/** `ping` found the model's connection not open (connecting, disconnected or closed), so nothing was sent. */
export class MongoConnectionNotOpenError extends Error {
  override readonly name = 'MongoConnectionNotOpenError';

  constructor(
    /** Mongoose's name for the connection's state, such as `disconnected`. */
    readonly state: string,
  ) {
    super(connectionNotOpenMessage(state));
  }
}
