/** Settles like `work`, or rejects with `error()` after `ms`; the timer never outlives the race. */
export function timeout<T>(work: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
