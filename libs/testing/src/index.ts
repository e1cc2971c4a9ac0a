export { waitFor, WaitForTimeoutError, type WaitForOptions } from './wait-for.js';
export { deferred, withTimeout, type Deferred } from './deferred.js';
export { TcpProxy } from './tcp-proxy.js';
export { RecordingLogger, type LoggedEntry } from './recording.logger.js';
export { redisConnection, deleteKeysUnder } from './redis.fixture.js';
export { rabbitHost, rabbitmqctl, createVhost, listRows, type TestVhost } from './rabbitmq.fixture.js';
