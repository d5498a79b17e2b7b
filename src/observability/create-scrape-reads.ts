/** One gauge source: set once at start-up, read by every gauge that shows it. */
export interface ScrapeSource<T> {
  /** Sets where the source reads from. */
  observe(source: () => Promise<T>): void;
  /** Whether a source was set (a gauge without one stays empty). */
  given(): boolean;
  /** The read of the scrape in progress, started by the first gauge that asks; null when the source failed or is unset. */
  read(): Promise<T | null>;
}

/**
 * Shared reads of the scrape-time gauge sources. Gauges of one scrape share a read (prom-client
 * starts every collect in the same tick, so the first one's read is there for the others); a
 * failed read calls `onFailure(name)` before `settled()` resolves, so a counter collected after the
 * gauges counts the failure in the same scrape.
 */
export function createScrapeReads(onFailure: (source: string) => void) {
  const inFlight = new Set<Promise<unknown>>();
  return {
    source<T>(name: string): ScrapeSource<T> {
      let get: (() => Promise<T>) | undefined;
      let current: Promise<T | null> | undefined;
      return {
        observe(source) {
          get = source;
        },
        given: () => get !== undefined,
        read() {
          if (!get) return Promise.resolve(null);
          if (current) return current;
          const load = get;
          const work = new Promise<T>((resolve) => resolve(load())).catch(() => {
            onFailure(name);
            return null;
          });
          inFlight.add(work);
          current = work.finally(() => {
            inFlight.delete(work);
            current = undefined;
          });
          return current;
        },
      };
    },
    /** Resolves once every read in flight has answered or failed (and been counted). */
    async settled(): Promise<void> {
      await Promise.all([...inFlight]);
    },
  };
}
