import { sourceTimeoutMessage } from '../events-metrics.messages.js';

/** A scrape-time read did not answer within `scrapeTimeoutMs`. Only logged and counted; a scrape never fails on it. */
export class MetricsSourceTimeoutError extends Error {
  override readonly name = 'MetricsSourceTimeoutError';

  constructor(
    readonly source: string,
    readonly timeoutMs: number,
  ) {
    super(sourceTimeoutMessage(source, timeoutMs));
  }
}
