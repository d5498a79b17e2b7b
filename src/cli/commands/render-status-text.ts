import type { SystemStatus } from '../../state/status/system-status.ts';
import { printableText } from './printable-text.ts';

const eur = (amount: number) => `€${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const tokens = (amount: number) => `${Math.round(amount).toLocaleString('en-US')} tokens`;
const minute = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'never');
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Milliseconds as `850 ms`, `12 s`, `4 min` or `3 h`. */
function age(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}

/** Rows of cells as fixed-width columns, the last cell unpadded. */
function columns(rows: string[][], indent = '  '): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
        .join('  ')
        .trimEnd(),
  );
}

function queueLine({ queue }: SystemStatus): string {
  const kind = queue.kind === 'bullmq' ? 'BullMQ on redis' : 'in-process';
  if (!queue.visible) return `queue      ${kind}: ${queue.note ?? 'not visible from here'}`;
  if (queue.error !== null) return `queue      ${kind}: not available: ${queue.error}`;
  return `queue      ${kind}: depth ${queue.depth} (${queue.waiting} waiting, ${queue.active} running), oldest waiting job ${queue.waiting ? age(queue.oldest_job_age_ms ?? 0) : '-'}, ${plural(queue.workers_seen ?? 0, 'worker')} seen`;
}

function circuitLines({ circuit_breakers: circuits }: SystemStatus): string[] {
  if (circuits.error !== null) return [`circuits   not available: ${circuits.error}`];
  const lines = [`circuits   ${circuits.providers.map((provider) => `${provider.provider} ${provider.state}`).join(', ')}`];
  for (const provider of circuits.providers)
    for (const row of provider.processes)
      lines.push(
        `  ${provider.provider} ${row.state} in ${row.process}: ${plural(row.failures, 'failure')}, opened ${minute(row.opened_at)}, ${row.state === 'open' ? 'refuses calls until' : 'next call probes since'} ${minute(row.retry_at)}`,
      );
  return lines;
}

function budgetLines({ budget }: SystemStatus): string[] {
  if (budget.error !== null) return [`budget     not available: ${budget.error}`];
  const amount = (unit: string, value: number) => (unit === 'tokens' ? tokens(value) : eur(value));
  return [
    `budget     phase ${budget.phase}`,
    ...columns(
      budget.caps.map((cap) => [
        cap.unit === 'tokens' ? `${cap.scope_id} ${cap.period} tokens` : `${cap.scope} ${cap.period}`,
        `${amount(cap.unit, cap.remaining)} left`,
        `of ${amount(cap.unit, cap.cap)} (spent ${amount(cap.unit, cap.spent)}, reserved ${amount(cap.unit, cap.reserved)})`,
        `resets ${minute(cap.resets_at)}`,
      ]),
    ),
  ];
}

function residencyLines({ residency }: SystemStatus): string[] {
  return [
    `residency  routing to ${residency.routing_to.join(', ') || 'no vendor'} (enforce_eu_residency: ${residency.enforce_eu_residency}, block_non_eu_requests: ${residency.block_non_eu_requests})`,
    ...columns(
      residency.vendors.map((vendor) => [vendor.vendor, vendor.endpoint_host, vendor.declared_region, vendor.decision, vendor.reason]),
    ),
  ];
}

function runLines({ runs }: SystemStatus): string[] {
  if (runs.error !== null) return [`runs       not available: ${runs.error}`];
  if (runs.recent.length === 0) return ['runs       none recorded yet'];
  return [
    `runs       newest ${runs.recent.length}`,
    ...columns([
      ['id', 'created (UTC)', 'kind', 'outcome', 'cost', 'where'],
      ...runs.recent.map((run) => [
        run.id,
        run.created_at.slice(0, 19).replace('T', ' '),
        run.kind,
        `${run.status}${run.verdict ? ` (${run.verdict})` : ''}`,
        `€${run.cost_eur.toFixed(4)}`,
        printableText(run.where),
      ]),
    ]),
  ];
}

/** `aos status` as text: the verdict first, then one block per part. */
export function renderStatusText(status: SystemStatus): string[] {
  const { database, redis } = status;
  const migrations = database.migrations;
  const lines = [
    status.ok ? 'aos status: ok' : `aos status: degraded — ${status.degraded.join(', ')}`,
    '',
    `database   ${database.engine} at ${database.location}: ${database.reachable ? 'up' : `unreachable: ${database.error}`}${migrations ? `, ${plural(migrations.applied.length, 'migration')} applied, ${migrations.pending.length} pending` : ''}`,
    ...(migrations?.pending.map((name) => `  pending  ${name}  (aos migrate applies it)`) ?? []),
    ...(database.reachable && !migrations ? [`  migrations unreadable: ${database.error}`] : []),
    `redis      ${redis.configured ? `${redis.location}: ${redis.reachable ? 'up' : `unreachable: ${redis.error}`}` : 'not configured (no REDIS_URL: no cache, in-process queue)'}`,
    queueLine(status),
    ...circuitLines(status),
    ...budgetLines(status),
    ...residencyLines(status),
    ...runLines(status),
  ];
  return lines.map(printableText);
}
