import { Inject, Injectable } from '@nestjs/common';
import type { UserRegisteredEvent } from '@webnovel/contracts';
import { NonRetryableError, OnDomainEvent } from '@webnovel/events';
import { EmailTemplateError, EmailTemplateRegistry } from './email-template.registry.js';
import { MAIL_SENDER, type MailSender } from './mail-sender.port.js';

/** The template the welcome mail is rendered from. */
export const WELCOME_TEMPLATE = 'welcome';

/**
 * Sends the welcome e-mail of a new account. Async, so a slow mail provider never delays registration, and a
 * send failure is rethrown for the delivery driver to retry. Each attempt carries the event id as idempotency
 * key, so a retry after a send that did go through does not mail twice.
 */
@Injectable()
export class UserWelcomeEmailHandler {
  constructor(
    private readonly templates: EmailTemplateRegistry,
    @Inject(MAIL_SENDER) private readonly mail: MailSender,
  ) {}

  /** @throws NonRetryableError when the template cannot be rendered; whatever the sender threw otherwise */
  @OnDomainEvent('user.registered', { mode: 'async' })
  async onUserRegistered(event: UserRegisteredEvent): Promise<void> {
    const { username, email } = event.data;
    let rendered;
    try {
      rendered = this.templates.render(WELCOME_TEMPLATE, { username });
    } catch (error) {
      if (error instanceof EmailTemplateError) throw new NonRetryableError(error.message, { cause: error });
      throw error;
    }
    await this.mail.send({ to: email, subject: rendered.subject, text: rendered.text, idempotencyKey: `welcome:${event.id}` });
  }
}
