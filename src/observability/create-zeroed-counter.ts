import { Counter, type CounterConfiguration } from 'prom-client';

/**
 * A counter with one label whose every value in `values` has a series at 0 from the start, so
 * rates and ratios are defined before the first event and a dashboard shows the label's closed set.
 */
export function createZeroedCounter<L extends string>(
  configuration: CounterConfiguration<L> & { labelNames: readonly [L] },
  values: readonly string[],
): Counter<L> {
  const counter = new Counter(configuration);
  const [label] = configuration.labelNames;
  for (const value of values) counter.inc({ [label]: value } as Partial<Record<L, string>>, 0);
  return counter;
}
