import 'reflect-metadata';
import { BullModule } from '@nestjs/bullmq';
import { Test } from '@nestjs/testing';
import { EventsModule } from '@webnovel/events';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BullMqDelivery } from './bullmq.delivery.js';
import { InvalidBullMqDeliveryOptionsError } from './errors/invalid-bullmq-delivery-options.error.js';
import { EventsBullMqModule } from './events-bullmq.module.js';
import { withSharedBullConfig } from './events-bullmq.shared-config.js';
import { quiet } from './test/redis.fixture.js';

const shared = { connection: { host: 'shared.example', port: 6380 }, prefix: 'shared' };

/** The problems `init()` of an app with these modules fails with; nothing connects before options are valid. */
async function bootstrapProblems(
  bull: ReturnType<typeof BullModule.forRoot> | undefined,
  events: ReturnType<typeof EventsBullMqModule.forRoot>,
) {
  const error = await Test.createTestingModule({
    imports: [
      ...(bull ? [bull] : []),
      EventsModule.forRootAsync({
        imports: [events],
        inject: [BullMqDelivery],
        useFactory: (delivery: BullMqDelivery) => ({ delivery }),
      }),
    ],
  })
    .setLogger(quiet)
    .compile()
    .then(
      () => assert.fail('bootstrap should have failed'),
      (e: unknown) => e,
    );
  assert.ok(error instanceof InvalidBullMqDeliveryOptionsError, `expected InvalidBullMqDeliveryOptionsError, got ${String(error)}`);
  return error;
}

describe('EventsBullMqModule and BullModule.forRoot', () => {
  it("takes BullModule.forRoot's connection and prefix when it has none of its own", () => {
    assert.deepEqual(withSharedBullConfig({ queueName: 'svc.events' }, shared), { queueName: 'svc.events', ...shared });
  });

  it('lets its own connection and prefix win over the shared ones', () => {
    const own = { connection: { host: 'own.example' }, prefix: 'own' };
    assert.deepEqual(withSharedBullConfig(own, shared), own);
    assert.deepEqual(withSharedBullConfig({ prefix: 'own' }, shared), { prefix: 'own', connection: shared.connection });
  });

  it("leaves the prefix to the driver's default, bull, when neither sets one", () => {
    assert.equal('prefix' in withSharedBullConfig({}, { connection: shared.connection }), false);
  });

  it('names a bad shared prefix as coming from BullModule.forRoot, with the other problems', () => {
    assert.throws(
      () => withSharedBullConfig({ concurrency: 0 }, { ...shared, prefix: 'bad prefix' }),
      (error: unknown) => {
        assert.ok(error instanceof InvalidBullMqDeliveryOptionsError);
        assert.deepEqual(error.problems, [
          'concurrency must be an integer of at least 1',
          'prefix of BullModule.forRoot must be 1-100 letters, digits, ".", "_", "-", ":", "{" or "}", got "bad prefix"; ' +
            'fix it there, or give EventsBullMqModule.forRoot a prefix of its own, which wins',
        ]);
        return true;
      },
    );
    // Its own valid prefix wins, so the shared one is not in the way.
    assert.equal(withSharedBullConfig({ prefix: 'own' }, { ...shared, prefix: 'bad prefix' }).prefix, 'own');
  });

  it('fails bootstrap with InvalidBullMqDeliveryOptionsError for a bad prefix, shared or its own', async () => {
    const fromShared = await bootstrapProblems(
      BullModule.forRoot({ connection: shared.connection, prefix: 'has space' }),
      EventsBullMqModule.forRoot({}),
    );
    assert.match(fromShared.message, /^BullMqDelivery options are invalid:\n {2}- prefix of BullModule\.forRoot must be 1-100 letters/);
    assert.match(fromShared.message, /got "has space"; fix it there, or give EventsBullMqModule\.forRoot a prefix of its own/);

    const own = await bootstrapProblems(BullModule.forRoot(shared), EventsBullMqModule.forRoot({ prefix: '' }));
    assert.deepEqual(own.problems, ['prefix must be 1-100 letters, digits, ".", "_", "-", ":", "{" or "}", got ""']);
  });

  it('says where a connection can come from when there is none', async () => {
    const error = await bootstrapProblems(undefined, EventsBullMqModule.forRoot({ queueName: 'svc.events' }));
    assert.deepEqual(error.problems, [
      'connection is missing: pass connection to EventsBullMqModule.forRoot, or import BullModule.forRoot({ connection }) from @nestjs/bullmq',
    ]);
  });
});
