const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `1234567.8` → `1,234,568`. */
export function formatInteger(value: number): string {
  return Number.isFinite(value) ? integer.format(value) : String(value);
}

/** Microseconds with two decimals, the resolution an in-process publish needs. */
export function formatMicros(value: number): string {
  return value.toFixed(2);
}

/** `7.345` → `7.3×`; `undefined` (no baseline) → `–`. */
export function formatRatio(value: number | undefined): string {
  if (value === undefined) return '–';
  return `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}×`;
}

/** `2_000_000` → `2M`, `150_000` → `150k`, for counts in labels. */
export function formatCount(value: number): string {
  if (value >= 1_000_000 && value % 100_000 === 0) return `${value / 1_000_000}M`;
  if (value >= 1_000 && value % 1_000 === 0) return `${value / 1_000}k`;
  return formatInteger(value);
}

/** `0.0734` → `7%`. */
export function formatPercent(value: number): string {
  return `${Math.round(value * 100)}%`;
}
