// README "Replay": running logged events through a handler again.
import type { INestApplicationContext } from '@nestjs/common';
import { EventReplayer } from '@webnovel/events';

/** Replays this year's purchases into the royalty handler, reporting progress to `log`. */
export async function replayPurchases(app: INestApplicationContext, log: (replayed: number, failed: number) => void) {
  // #region replay
  const report = await app.get(EventReplayer).replay({
    filter: { types: ['book.purchased'], from: new Date('2026-01-01') },
    handlers: ['RoyaltyHandler.onPurchase'], // default: every handler whose patterns match
    ratePerSecond: 500,
    onProgress: ({ replayed, failed }) => log(replayed, failed),
  });
  // #endregion
  return report;
}
