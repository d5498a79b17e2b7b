import type { SystemStatus } from './system-status.ts';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** A cap's name as a person says it: `global daily cap`, `openai daily token ceiling`. */
function capName(cap: SystemStatus['budget']['caps'][number]): string {
  const period = cap.period === 'day' ? 'daily' : cap.period === 'month' ? 'monthly' : cap.period;
  return cap.unit === 'tokens' ? `${cap.scope_id} ${period} token ceiling` : `${cap.scope} ${period} cap`;
}

/**
 * What is degraded, each named: what aos needs to take and finish runs is down or exhausted. A
 * section that could not be read counts too, except when the database is down or not migrated,
 * which already names the cause. A blocked vendor is not degraded while another one routes (it
 * is shown, and `aos check-residency` fails on it); no vendor left to route to is.
 */
export function degradedReasons(status: Omit<SystemStatus, 'ok' | 'degraded'>): string[] {
  const reasons: string[] = [];
  const { database, redis, queue } = status;
  if (!database.reachable) reasons.push('database unreachable');
  const pending = database.migrations?.pending.length ?? 0;
  if (pending > 0) reasons.push(`${plural(pending, 'migration')} pending`);
  if (redis.reachable === false) reasons.push('redis unreachable');
  if (redis.reachable !== false && queue.error) reasons.push('queue unreadable');
  if (queue.workers_seen === 0) reasons.push('no queue workers seen');
  const open = status.circuit_breakers.providers.filter((provider) => provider.state === 'open').map((provider) => provider.provider);
  if (open.length > 0) reasons.push(`circuit open: ${open.join(', ')}`);
  for (const cap of status.budget.caps) if (cap.cap > 0 && cap.remaining <= 0) reasons.push(`budget exhausted: ${capName(cap)}`);
  if (status.residency.routing_to.length === 0) reasons.push('residency leaves no vendor to route to');
  if (database.reachable && pending === 0) {
    const unreadable: Array<[string, string | null]> = [
      ['circuit breakers', status.circuit_breakers.error],
      ['budget', status.budget.error],
      ['runs', status.runs.error],
    ];
    for (const [section, error] of unreadable) if (error) reasons.push(`${section} unreadable`);
  }
  return reasons;
}
