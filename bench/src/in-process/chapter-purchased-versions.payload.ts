import { defineEvent, defineUpcaster, eventFactory, type DomainEvent, type PayloadInput } from '@webnovel/events';
import { IsIn, IsInt, Min } from 'class-validator';
import { CHAPTER_PURCHASED, ChapterPurchasedPayload, samplePurchase } from './chapter-purchased.payload.js';

/** v2 of the bench's event: v1 plus the sales channel. */
export class ChapterPurchasedV2Payload extends ChapterPurchasedPayload {
  @IsIn(['web', 'app'])
  channel: string;
}

/** v3: v2 plus the tax included in the amount, in minor units. */
export class ChapterPurchasedV3Payload extends ChapterPurchasedV2Payload {
  @IsInt()
  @Min(0)
  taxMinor: number;
}

const v1 = defineEvent({ type: CHAPTER_PURCHASED, version: 1, payload: ChapterPurchasedPayload, domain: 'bench' });
const v2 = defineEvent({ type: CHAPTER_PURCHASED, version: 2, payload: ChapterPurchasedV2Payload, domain: 'bench' });
const v3 = defineEvent({ type: CHAPTER_PURCHASED, version: 3, payload: ChapterPurchasedV3Payload, domain: 'bench' });

/** The three versions, registered together: a handler of the type takes v3. */
export const CHAPTER_PURCHASED_VERSIONS = [v1, v2, v3];

/** Each step adds one field, as most real upcasters do. */
export const CHAPTER_PURCHASED_UPCASTERS = [
  defineUpcaster(v1, v2, (data) => ({ ...data, channel: 'web' })),
  defineUpcaster(v2, v3, (data) => ({ ...data, taxMinor: 0 })),
];

export type ChapterPurchasedVersion = 1 | 2 | 3;

/** A factory-built event of `version` (a payload class instance, no `source`), with the same data at every version. */
export function samplePurchaseEvent(version: ChapterPurchasedVersion): DomainEvent {
  const v1Data = samplePurchase();
  const v2Data: PayloadInput<ChapterPurchasedV2Payload> = { ...v1Data, channel: 'web' };
  if (version === 1) return eventFactory(v1)(v1Data);
  if (version === 2) return eventFactory(v2)(v2Data);
  return eventFactory(v3)({ ...v2Data, taxMinor: 0 });
}
