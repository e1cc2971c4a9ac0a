/** Injection token of the {@link MailSender}. */
export const MAIL_SENDER = Symbol('MAIL_SENDER');

/** One plain-text e-mail. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /**
   * The same key for every attempt at the same message. Providers that support it (or an implementation's own
   * table) drop the repeat when a retried handler sends twice.
   */
  readonly idempotencyKey: string;
}

/** Sends e-mail. Rejects when the message was not accepted, so the caller's retry policy applies. */
export interface MailSender {
  send(message: MailMessage): Promise<void>;
}
