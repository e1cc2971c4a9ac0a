import 'reflect-metadata';
import { userRegistered } from '@webnovel/contracts';
import { NonRetryableError } from '@webnovel/events';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EmailTemplateRegistry } from './email-template.registry.js';
import { InMemoryMailSender } from './in-memory-mail.sender.js';
import type { MailMessage, MailSender } from './mail-sender.port.js';
import { UserWelcomeEmailHandler } from './user-welcome-email.handler.js';

const registered = () => userRegistered({ user_id: 'u1', username: 'ann', email: 'ann@example.com' });

describe('UserWelcomeEmailHandler', () => {
  it('sends the rendered welcome mail to the new address, once per event', async () => {
    const sender = new InMemoryMailSender();
    const handler = new UserWelcomeEmailHandler(new EmailTemplateRegistry(), sender);
    const event = registered();
    await handler.onUserRegistered(event);
    await handler.onUserRegistered(event);
    const sent = sender.sent('ann@example.com');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.subject, 'Welcome to WebNovel, ann!');
    assert.equal(sent[0]?.idempotencyKey, `welcome:${event.id}`);
  });

  it('rethrows a send failure so the delivery driver retries, with the same idempotency key each time', async () => {
    const keys: string[] = [];
    const failing: MailSender = {
      send: async (message: MailMessage) => {
        keys.push(message.idempotencyKey);
        throw new Error('SMTP 421 try again later');
      },
    };
    const handler = new UserWelcomeEmailHandler(new EmailTemplateRegistry(), failing);
    const event = registered();
    await assert.rejects(handler.onUserRegistered(event), /SMTP 421/);
    await assert.rejects(handler.onUserRegistered(event), /SMTP 421/);
    assert.deepEqual(keys, [`welcome:${event.id}`, `welcome:${event.id}`]);
  });

  it('marks a template error as not retryable', async () => {
    const handler = new UserWelcomeEmailHandler(new EmailTemplateRegistry({}), new InMemoryMailSender());
    await assert.rejects(handler.onUserRegistered(registered()), NonRetryableError);
  });
});
