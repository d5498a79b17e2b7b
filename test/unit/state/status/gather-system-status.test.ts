import { describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config/index.ts';
import { gatherSystemStatus, STATUS_RECENT_RUNS } from '#src/state/status/gather-system-status.ts';
import type { StatusSources } from '#src/state/status/status-sources.ts';

const config = loadConfig({ configDir: process.cwd() });
const never = () => new Promise<never>(() => undefined);

/** Sources answering as a healthy deployment does; each test breaks one part. */
function sources(overrides: Partial<StatusSources> = {}): StatusSources & { calls: string[] } {
  const calls: string[] = [];
  const seen =
    <T>(name: string, value: T) =>
    async () => {
      calls.push(name);
      return value;
    };
  return {
    calls,
    database: {
      engine: 'postgresql',
      location: 'db:5432/aos',
      ping: seen('ping', 1),
      migrations: seen('migrations', { applied: ['m1'], pending: [] }),
    },
    redis: { location: 'redis:6379', ping: seen('redis', 'PONG') },
    queue: { kind: 'bullmq', read: seen('queue', { waiting: 2, active: 1, oldestWaitingMs: 1500, workers: 1 }) },
    openCircuits: seen('circuits', []),
    caps: seen('caps', []),
    recentRuns: async (limit) => {
      calls.push(`runs:${limit}`);
      return [];
    },
    config,
    now: () => new Date('2026-11-22T10:00:00Z'),
    timeoutMs: 50,
    ...overrides,
  };
}

describe('gathering the status', () => {
  it('reads every part once and is ok when all answer', async () => {
    const input = sources();
    const status = await gatherSystemStatus(input);
    expect(status).toMatchObject({ ok: true, degraded: [], checked_at: '2026-11-22T10:00:00.000Z' });
    expect(status.queue).toMatchObject({ depth: 3, waiting: 2, active: 1, oldest_job_age_ms: 1500, workers_seen: 1 });
    expect(input.calls.sort()).toEqual(['caps', 'circuits', 'migrations', 'ping', 'queue', 'redis', `runs:${STATUS_RECENT_RUNS}`].sort());
  });

  it('bounds a probe that never answers, and names the part', async () => {
    const status = await gatherSystemStatus(sources({ redis: { location: 'redis:6379', ping: never } }));
    expect(status.redis).toEqual({
      configured: true,
      location: 'redis:6379',
      reachable: false,
      error: 'redis did not answer within 50 ms',
    });
    expect(status.queue.error).toBe('redis is unreachable');
    expect(status.degraded).toEqual(['redis unreachable']);
  });

  it('does not read the queue while Redis is down, nor the tables while the database is', async () => {
    const input = sources({
      database: {
        engine: 'pglite',
        location: '/data/pgdata',
        ping: async () => Promise.reject(new Error('the data folder is locked')),
        migrations: never,
      },
      redis: { location: 'redis:6379', ping: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')) },
    });
    const status = await gatherSystemStatus(input);
    expect(input.calls).toEqual([]);
    expect(status.database).toMatchObject({ reachable: false, error: 'the data folder is locked', migrations: null });
    expect(status.budget.error).toBe('the database is unreachable');
    expect(status.runs.error).toBe('the database is unreachable');
    expect(status.circuit_breakers.providers.every((provider) => provider.state === 'closed')).toBe(true);
    expect(status.degraded).toEqual(['database unreachable', 'redis unreachable']);
  });

  it("keeps the database's words of a failed query, not the SQL knex puts before them", async () => {
    const status = await gatherSystemStatus(
      sources({
        caps: async () => Promise.reject(new Error('select "scope" from "budget_counters" - permission denied for table budget_counters')),
      }),
    );
    expect(status.budget.error).toBe('permission denied for table budget_counters');
    expect(status.degraded).toEqual(['budget unreadable']);
  });

  it('says where an invisible queue is seen, without calling it degraded', async () => {
    const status = await gatherSystemStatus(sources({ redis: null, queue: { kind: 'in-process', read: null, note: 'inside the server' } }));
    expect(status.redis).toEqual({ configured: false, location: null, reachable: null, error: null });
    expect(status.queue).toMatchObject({ kind: 'in-process', visible: false, note: 'inside the server', depth: null });
    expect(status.ok).toBe(true);
  });
});
