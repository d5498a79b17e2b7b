import { withTimeout } from '../../lib/with-timeout.ts';
import type { RunRecord } from '../run-store.ts';
import { circuitProviders } from './circuit-breakers-status.ts';
import { degradedReasons } from './degraded-reasons.ts';
import { residencyStatus } from './residency-status.ts';
import type { QueueReading, StatusSources } from './status-sources.ts';
import type { QueueStatus, SystemStatus } from './system-status.ts';

/** How many of the newest runs the status lists. */
export const STATUS_RECENT_RUNS = 10;
const DEFAULT_TIMEOUT_MS = 5000;
const NOT_READ = 'the database is unreachable';

/** An error's message; knex puts the whole SQL text before the database's own words, which are what a person needs. */
function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const database = /^(?:select|insert|update|delete|with)\b[\s\S]* - ([^]+)$/i.exec(message)?.[1];
  return database ?? message;
}

/** The value, or the error's message: one section failing never hides the others. */
async function settle<T>(
  read: () => Promise<T>,
  ms: number,
  what: string,
): Promise<{ value: T; error: null } | { value: null; error: string }> {
  try {
    return { value: await withTimeout(read(), ms, what), error: null };
  } catch (error) {
    return { value: null, error: messageOf(error) };
  }
}

const whereOf = (run: RunRecord) =>
  run.owner ? `${run.owner}/${run.repo ?? ''}${run.issueNumber === null ? '' : `#${run.issueNumber}`}` : (run.repo ?? '');

const noQueue = (kind: QueueStatus['kind'], visible: boolean, note: string | null, error: string | null): QueueStatus => ({
  kind,
  visible,
  note,
  error,
  depth: null,
  waiting: null,
  active: null,
  oldest_job_age_ms: null,
  workers_seen: null,
});

/** The queue's part: not visible from here, not read (and why), or what it said. */
function queueStatusOf(
  source: StatusSources['queue'],
  blocked: string | null,
  reading: { value: QueueReading; error: null } | { value: null; error: string } | null,
): QueueStatus {
  const note = source.note ?? null;
  if (!source.read) return noQueue(source.kind, false, note, null);
  if (blocked !== null || !reading || reading.error !== null) return noQueue(source.kind, true, note, blocked ?? reading?.error ?? null);
  const { waiting, active, oldestWaitingMs, workers } = reading.value;
  return {
    ...noQueue(source.kind, true, note, null),
    depth: waiting + active,
    waiting,
    active,
    oldest_job_age_ms: oldestWaitingMs,
    workers_seen: workers,
  };
}

/**
 * Reads everything `aos status` and the run pages' index show: the database and its migrations,
 * Redis and the queue, the circuit breakers every process recorded, the budget left per cap,
 * residency per vendor and the newest runs; then names what is degraded. Never throws: what
 * cannot be read is reported as such, each probe bounded by a timeout.
 */
export async function gatherSystemStatus(sources: StatusSources): Promise<SystemStatus> {
  const ms = sources.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = (sources.now ?? (() => new Date()))();
  const [ping, redisPing] = await Promise.all([
    settle(() => sources.database.ping(), ms, 'the database'),
    sources.redis ? settle(() => sources.redis!.ping(), ms, 'redis') : Promise.resolve(null),
  ]);
  const reachable = ping.error === null;
  const skip = <T>() => Promise.resolve({ value: null, error: NOT_READ } as { value: T | null; error: string | null });
  const read = <T>(fn: () => Promise<T>, what: string) => (reachable ? settle(fn, ms, what) : skip<T>());
  const queueRead = sources.queue.read;
  const queueBlocked = sources.queue.kind === 'bullmq' && redisPing?.error ? 'redis is unreachable' : null;
  const [migrations, circuits, caps, runs, queue] = await Promise.all([
    read(() => sources.database.migrations(), 'the migrations table'),
    read(() => sources.openCircuits(), 'the circuit breakers table'),
    read(() => sources.caps(), 'the budget counters'),
    read(() => sources.recentRuns(STATUS_RECENT_RUNS), 'the runs table'),
    queueRead && !queueBlocked ? settle(queueRead, ms, 'the queue') : Promise.resolve(null),
  ]);
  const queueStatus = queueStatusOf(sources.queue, queueBlocked, queue);
  const status: Omit<SystemStatus, 'ok' | 'degraded'> = {
    checked_at: now.toISOString(),
    database: {
      engine: sources.database.engine,
      location: sources.database.location,
      reachable,
      error: ping.error ?? migrations.error,
      migrations: migrations.value,
    },
    redis: sources.redis
      ? { configured: true, location: sources.redis.location, reachable: redisPing?.error === null, error: redisPing?.error ?? null }
      : { configured: false, location: null, reachable: null, error: null },
    queue: queueStatus,
    circuit_breakers: {
      source: 'database',
      error: circuits.error,
      providers: circuitProviders(Object.keys(sources.config.routing.providers), circuits.value ?? [], now),
    },
    budget: {
      phase: String(sources.config.finops.active_phase),
      error: caps.error,
      caps: (caps.value ?? []).map((cap) => ({
        scope: cap.scope,
        scope_id: cap.scopeId,
        period: cap.period,
        unit: cap.unit,
        cap: cap.cap,
        spent: cap.spent,
        reserved: cap.reserved,
        remaining: cap.remaining,
        resets_at: cap.resetsAt?.toISOString() ?? null,
      })),
    },
    residency: residencyStatus(sources.config),
    runs: {
      error: runs.error,
      recent: (runs.value ?? []).map((run) => ({
        id: run.id,
        kind: run.kind,
        status: run.status,
        verdict: run.verdict,
        cost_eur: run.costEur,
        created_at: run.createdAt,
        finished_at: run.finishedAt,
        where: whereOf(run),
        error: run.error,
      })),
    },
  };
  const degraded = degradedReasons(status);
  return { ok: degraded.length === 0, degraded, ...status };
}
