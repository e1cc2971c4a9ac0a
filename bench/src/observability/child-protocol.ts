import type { RoundTiming } from './rounds.js';

/** What the parent asks of a child that runs one in-process case (`in-process.child.ts`). */
export interface ChildRequest {
  readonly id: number;
  readonly op: 'warmup' | 'round' | 'latency' | 'close';
  readonly count: number;
}

/** The child's answers: `ready` once its application is up, then one reply per request, in order. */
export type ChildMessage =
  | { readonly ready: true }
  | { readonly id: number; readonly timing?: RoundTiming; readonly durations?: Float64Array; readonly note?: string }
  | { readonly id: number; readonly error: string };
