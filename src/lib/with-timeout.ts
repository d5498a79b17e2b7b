/**
 * Settles as `promise` does, or rejects with "did not answer within N ms" when it takes longer, so
 * a probe of a server that accepts connections but never answers cannot hang its caller. The
 * losing promise is left to settle on its own.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
