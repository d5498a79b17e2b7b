/** Runs tasks with at most `concurrency` of them in flight; the rest wait in call order. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** A limiter allowing `concurrency` (≥ 1) tasks at once. */
export function createLimiter(concurrency: number): Limiter {
  const limit = Math.max(1, Math.floor(concurrency));
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    active -= 1;
    waiting.shift()?.();
  };
  return async (task) => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
