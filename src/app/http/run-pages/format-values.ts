/** Whole micro-euros as `€0.012345`: the precision at which the run timeline adds up exactly. */
export function formatMicroEur(micro: number): string {
  const sign = micro < 0 ? '-' : '';
  const abs = Math.abs(Math.round(micro));
  return `${sign}€${Math.floor(abs / 1_000_000)}.${String(abs % 1_000_000).padStart(6, '0')}`;
}

/** Milliseconds as `850 ms`, `12.3 s` or `4 min 05 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}
