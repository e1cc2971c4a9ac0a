import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RabbitMqTransport } from '@webnovel/events-rabbitmq';
import { readTransportConfig } from './transport.config.js';
import { transportOptionsFor } from './transport.factory.js';

const read = (env: NodeJS.ProcessEnv) => {
  const problems: string[] = [];
  return { config: readTransportConfig(env, problems), problems };
};

describe('readTransportConfig', () => {
  it('keeps events in the process by default, with the seed local-only list', () => {
    const { config, problems } = read({});
    assert.deepEqual(problems, []);
    assert.deepEqual(config, { kind: 'memory', localOnly: ['user.logged_in', 'user.logged_out'] });
    assert.equal(transportOptionsFor(config), undefined);
  });

  it('maps rabbitmq to remote mode and hybrid to hybrid mode on RabbitMQ', () => {
    for (const [kind, mode] of [
      ['rabbitmq', 'remote'],
      ['hybrid', 'hybrid'],
    ] as const) {
      const { config, problems } = read({
        EVENTS_TRANSPORT: kind,
        RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:5672',
        EVENTS_LOCAL_ONLY: 'user.*, ',
      });
      assert.deepEqual(problems, []);
      assert.deepEqual(config, { kind, mode, rabbitMqUrl: 'amqp://guest:guest@127.0.0.1:5672', localOnly: ['user.*'] });
      const options = transportOptionsFor(config);
      assert.ok(options?.adapter instanceof RabbitMqTransport);
      assert.equal(options.mode, mode);
      assert.deepEqual(options.localOnly, ['user.*']);
    }
  });

  it('names each variable it cannot use, and never echoes the URL', () => {
    assert.deepEqual(read({ EVENTS_TRANSPORT: 'nats' }).problems, ['EVENTS_TRANSPORT must be one of memory, rabbitmq, hybrid, kafka']);
    assert.deepEqual(read({ EVENTS_TRANSPORT: 'kafka' }).problems, ['EVENTS_TRANSPORT=kafka is not available yet; use rabbitmq or hybrid']);
    assert.deepEqual(read({ EVENTS_TRANSPORT: 'hybrid' }).problems, [
      'RABBITMQ_URL is required with EVENTS_TRANSPORT=hybrid, such as amqp://guest:guest@127.0.0.1:5672',
    ]);
    const secret = 'http://admin:s3cret@rabbit:5672';
    const { problems } = read({ EVENTS_TRANSPORT: 'rabbitmq', RABBITMQ_URL: secret, EVENTS_LOCAL_ONLY: 'User.LoggedIn,ok.type' });
    assert.deepEqual(problems, [
      'EVENTS_LOCAL_ONLY must be comma-separated event patterns such as user.logged_in or user.*; not User.LoggedIn',
      'RABBITMQ_URL must start with amqp:// or amqps://',
    ]);
    assert.ok(problems.every((p) => !p.includes('s3cret')));
  });
});
