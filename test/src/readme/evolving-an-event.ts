// The code of the README section "Evolving an event"; its snippets are excerpts of this file (and of libs/contracts),
// checked by evolving-an-event.spec.ts.
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  userRegistered,
  userRegisteredV2,
  webNovelCatalog,
  webNovelUpcasters,
  type UserRegisteredEvent,
  type UserRegisteredV2Event,
} from '@webnovel/contracts';
import { EventBus, EventsModule, OnDomainEvent } from '@webnovel/events';

// #region welcome-handler
@Injectable()
export class WelcomeHandler {
  readonly greeted: string[] = [];

  @OnDomainEvent('user.registered') // takes the latest version, v2, whichever version was published
  onRegistered(event: UserRegisteredV2Event) {
    const { username, user_type, referral } = event.data;
    this.greeted.push(`${username} (v${event.version}, ${user_type}, referral "${referral}")`);
  }
}

@Module({
  imports: [EventsModule.forRoot({ source: 'user-service', catalog: webNovelCatalog, upcasters: webNovelUpcasters })],
  providers: [WelcomeHandler],
})
export class AppModule {}

export async function main() {
  const app = await NestFactory.createApplicationContext(AppModule);
  const bus = app.get(EventBus);
  await bus.publish(userRegistered({ user_id: 'u-1', username: 'lin', email: 'lin@example.com' })); // v1
  await bus.publish(userRegisteredV2({ user_id: 'u-2', username: 'mo', email: 'mo@example.com', user_type: 'author', referral: 'u-1' }));
  const greeted = app.get(WelcomeHandler).greeted; // ['lin (v2, standard, referral "")', 'mo (v2, author, referral "u-1")']
  await app.close();
  return greeted;
}
// #endregion

// #region legacy-welcome-handler
@Injectable()
export class LegacyWelcomeHandler {
  @OnDomainEvent('user.registered', { version: 1 }) // fails bootstrap: v2 is registered, and events are never downcast
  onRegistered(event: UserRegisteredEvent) {
    return event.data.username;
  }
}
// #endregion
