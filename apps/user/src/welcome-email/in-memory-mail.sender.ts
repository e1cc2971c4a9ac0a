import { Injectable } from '@nestjs/common';
import type { MailMessage, MailSender } from './mail-sender.port.js';

/** A delivered message with the time it was accepted. */
export interface SentMail extends MailMessage {
  readonly sentAt: Date;
}

/** The default {@link MailSender}: records messages instead of sending them, for development and tests. */
@Injectable()
export class InMemoryMailSender implements MailSender {
  private readonly outbox = new Map<string, SentMail>();

  async send(message: MailMessage): Promise<void> {
    if (this.outbox.has(message.idempotencyKey)) return;
    this.outbox.set(message.idempotencyKey, { ...message, sentAt: new Date() });
  }

  /** Every message accepted so far, oldest first, optionally only those sent to `to`. */
  sent(to?: string): SentMail[] {
    const all = [...this.outbox.values()];
    return to === undefined ? all : all.filter((mail) => mail.to === to);
  }
}
