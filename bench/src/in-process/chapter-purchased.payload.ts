import { defineEvent, eventFactory, type PayloadInput } from '@webnovel/events';
import { IsISO4217CurrencyCode, IsInt, IsNotEmpty, IsString, IsUUID, Min } from 'class-validator';

/** The one event type every in-process case publishes. */
export const CHAPTER_PURCHASED = 'chapter.purchased';

/** A realistic catalog payload: string ids, an amount in minor units and an ISO 4217 currency. */
export class ChapterPurchasedPayload {
  @IsUUID()
  purchaseId: string;

  @IsString()
  @IsNotEmpty()
  readerId: string;

  @IsString()
  @IsNotEmpty()
  chapterId: string;

  /** Minor units (cents), never a float. */
  @IsInt()
  @Min(1)
  amountMinor: number;

  @IsISO4217CurrencyCode()
  currency: string;
}

export const chapterPurchasedV1 = defineEvent({
  type: CHAPTER_PURCHASED,
  payload: ChapterPurchasedPayload,
  domain: 'bench',
  description: 'A reader bought one chapter.',
});

export const chapterPurchased = eventFactory(chapterPurchasedV1);

/** A fresh plain payload; every library gets the same data. */
export function samplePurchase(): PayloadInput<ChapterPurchasedPayload> {
  return {
    purchaseId: '0192f4a4-7c1e-7cc0-9a53-3d2d8f0b6e11',
    readerId: 'reader-42',
    chapterId: 'chapter-1337',
    amountMinor: 199,
    currency: 'EUR',
  };
}
