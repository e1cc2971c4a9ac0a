import type { DeadLetterErrorInfo, SerializedDomainEvent } from '@webnovel/events';

/** What one (event, handler) job carries. Plain JSON, so jobs outlive the process and the deploy that enqueued them. */
export interface DeliveryJobData {
  readonly event: SerializedDomainEvent;
  readonly handler: string;
  /** Runs made before this job existed (a failed sync run handed over with `syncFailures: 'retry'`). */
  readonly priorAttempts?: number;
  /** ISO time of the first failed run, set once the pair first fails. */
  readonly firstFailedAt?: string;
  /** The handler's last error, kept when its dead letter could not be written, for the sweep that writes it later. */
  readonly lastError?: DeadLetterErrorInfo;
}

/** The backoff type jobs name, resolved by the workers' custom strategy. */
export const RETRY_POLICY_BACKOFF = 'retry-policy';
