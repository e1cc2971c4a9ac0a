// README "The retry policy": module defaults, and a handler that retries less and never retries a permanent failure.
import { Injectable, Module } from '@nestjs/common';
import { webNovelCatalog, type DepositCompletedEvent } from '@webnovel/contracts';
import { EventsModule, OnDomainEvent } from '@webnovel/events';

/** The wallet refused the deposit for good: no retry can change that. */
export class WalletClosedError extends Error {
  override readonly name = 'WalletClosedError';
}

/** Where deposits are credited; a stand-in for the wallet service's client. */
@Injectable()
export class Wallets {
  async credit(userId: string, amount: number, currency: string): Promise<void> {
    void [userId, amount, currency];
  }
}

// #region retry
@Injectable()
export class DepositCredit {
  constructor(private readonly wallets: Wallets) {}

  @OnDomainEvent('deposit.completed', { mode: 'async', retry: { maxAttempts: 3, retryable: (e) => !(e instanceof WalletClosedError) } })
  async credit(event: DepositCompletedEvent) {
    await this.wallets.credit(event.data.user_id, event.data.amount, event.data.currency);
  }
}

@Module({
  imports: [EventsModule.forRoot({ catalog: webNovelCatalog, retry: { maxAttempts: 8, initialDelayMs: 500 } })],
  providers: [Wallets, DepositCredit],
})
export class AppModule {}
// #endregion
