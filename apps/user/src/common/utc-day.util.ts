/** The UTC calendar day of `date`, as `YYYY-MM-DD`. Daily figures use UTC so every instance agrees on a day's bounds. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
