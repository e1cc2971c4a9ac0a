import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EmailTemplateError, EmailTemplateRegistry } from './email-template.registry.js';

describe('EmailTemplateRegistry', () => {
  it('renders the default welcome template with the username in subject and body', () => {
    const rendered = new EmailTemplateRegistry().render('welcome', { username: 'ann_1' });
    assert.equal(rendered.subject, 'Welcome to WebNovel, ann_1!');
    assert.match(rendered.text, /^Hi ann_1,\n/);
    assert.doesNotMatch(rendered.text, /\{\{/);
  });

  it('fills every occurrence and tolerates spaces inside the braces', () => {
    const registry = new EmailTemplateRegistry({ t: { subject: '{{ a }}-{{a}}', body: '{{b}} {{ a}}' } });
    assert.deepEqual(registry.render('t', { a: 'x', b: 'y' }), { subject: 'x-x', text: 'y x' });
  });

  it('inserts values literally, so a value cannot expand into another placeholder', () => {
    const registry = new EmailTemplateRegistry({ t: { subject: '{{a}}', body: '{{b}}' } });
    assert.deepEqual(registry.render('t', { a: '{{b}}', b: '$&' }), { subject: '{{b}}', text: '$&' });
  });

  it('fails on a missing variable instead of rendering an empty string', () => {
    assert.throws(
      () => new EmailTemplateRegistry().render('welcome', {}),
      (error: unknown) => error instanceof EmailTemplateError && /\{\{username\}\}/.test(error.message),
    );
  });

  it('fails on an unknown template, listing the known ones', () => {
    assert.throws(() => new EmailTemplateRegistry().render('nope', {}), /No e-mail template "nope"; registered: welcome/);
  });

  it('lets a template be replaced', () => {
    const registry = new EmailTemplateRegistry();
    registry.register('welcome', { subject: 'Hello {{username}}', body: '.' });
    assert.equal(registry.render('welcome', { username: 'bo' }).subject, 'Hello bo');
    assert.equal(registry.has('welcome'), true);
  });
});
