import { IsInt, IsISO4217CurrencyCode, IsString, IsUppercase, Max, Min } from 'class-validator';
import { composePropertyDecorators } from './compose-decorators.util.js';

/** Options of {@link IsMinorUnits}. */
export interface MinorUnitsOptions {
  /** The smallest accepted amount: `1` where a zero amount would be a bug, such as a deposit or a refund. @default 0 */
  min?: 0 | 1;
}

/**
 * An amount of money as an integer count of the currency's minor unit (cents, fen), pair it with
 * {@link IsCurrencyCode}. Floats are rejected because binary fractions cannot hold 0.1 exactly and sums drift;
 * the upper bound keeps every amount exact in a JavaScript number.
 */
export function IsMinorUnits(options: MinorUnitsOptions = {}): PropertyDecorator {
  return composePropertyDecorators(IsInt(), Min(options.min ?? 0), Max(Number.MAX_SAFE_INTEGER));
}

/**
 * An ISO 4217 currency code such as `CNY` or `USD`; it says which minor unit an amount counts. Upper case only,
 * although the ISO check alone would accept `usd`, so consumers can compare codes as plain strings.
 */
export function IsCurrencyCode(): PropertyDecorator {
  return composePropertyDecorators(IsString(), IsUppercase(), IsISO4217CurrencyCode());
}
