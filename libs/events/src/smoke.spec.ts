import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EventBus, EventsModule, OnDomainEvent, createDomainEvent, type DomainEvent } from './index.js';

@Injectable()
class Listener {
  seen: string[] = [];
  @OnDomainEvent('user.*')
  on(event: DomainEvent) {
    this.seen.push(event.type);
  }
}

test('smoke', async () => {
  const mod = await Test.createTestingModule({
    imports: [EventsModule.forRoot({ unknownEvents: 'allow' })],
    providers: [Listener],
  }).compile();
  const app = await mod.init();
  const bus = app.get(EventBus);
  await bus.publish(createDomainEvent({ type: 'user.registered', data: {} }));
  assert.deepEqual(app.get(Listener).seen, ['user.registered']);
  await app.close();
});
