import type { ComparisonOp, Threshold } from './compare.ts';

const SYMBOL: Record<ComparisonOp, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '==': '=' };

/** A figure in its unit for people: `0.1411 ms`, `2.318×`, `99.5%`, `0`. */
export function formatValue(value: number, unit: string): string {
  const short = (n: number) => String(Number(n.toPrecision(4)));
  if (unit === 'ms') return `${short(value)} ms`;
  if (unit === 'ratio') return `${short(value)}×`;
  if (unit === 'fraction') return `${short(value * 100)}%`;
  return String(value);
}

/** A bound for people: `< 1 ms`, `≤ 1.5×`, `≥ 99.5%`, `= 0`. */
export function formatThreshold(threshold: Threshold, unit: string): string {
  return `${SYMBOL[threshold.op]} ${formatValue(threshold.value, unit)}`;
}
