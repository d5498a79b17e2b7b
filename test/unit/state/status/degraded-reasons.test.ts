import { describe, expect, it } from 'vitest';
import { degradedReasons } from '#src/state/status/degraded-reasons.ts';
import type { SystemStatus } from '#src/state/status/system-status.ts';

type Parts = Omit<SystemStatus, 'ok' | 'degraded'>;

/** Everything up: a migrated database, Redis answering, a worker on the queue, caps left, a vendor to route to. */
const healthy = (): Parts => ({
  checked_at: '2026-11-22T10:00:00.000Z',
  database: {
    engine: 'postgresql',
    location: 'db:5432/aos',
    reachable: true,
    error: null,
    migrations: { applied: ['m1', 'm2'], pending: [] },
  },
  redis: { configured: true, location: 'redis:6379', reachable: true, error: null },
  queue: { kind: 'bullmq', visible: true, note: null, error: null, depth: 0, waiting: 0, active: 0, oldest_job_age_ms: 0, workers_seen: 1 },
  circuit_breakers: { source: 'database', error: null, providers: [{ provider: 'openai', state: 'closed', processes: [] }] },
  budget: {
    phase: '1',
    error: null,
    caps: [
      { scope: 'global', scope_id: 'phase_1', period: 'day', unit: 'eur', cap: 10, spent: 4, reserved: 1, remaining: 5, resets_at: null },
    ],
  },
  residency: { enforce_eu_residency: true, block_non_eu_requests: true, routing_to: ['openai'], vendors: [] },
  runs: { error: null, recent: [] },
});

describe('what is degraded', () => {
  it('is nothing when everything needed is up', () => {
    expect(degradedReasons(healthy())).toEqual([]);
  });

  it('is nothing for the in-process queue another process runs, nor for Redis that is not configured', () => {
    const status = healthy();
    status.redis = { configured: false, location: null, reachable: null, error: null };
    status.queue = { ...status.queue, kind: 'in-process', visible: false, note: 'in the server', depth: null, workers_seen: null };
    expect(degradedReasons(status)).toEqual([]);
  });

  it('names each part that is down, pending, exhausted or open, in that order', () => {
    const status = healthy();
    status.database.migrations = { applied: ['m1'], pending: ['m2', 'm3'] };
    status.redis = { ...status.redis, reachable: false, error: 'connect ECONNREFUSED' };
    status.queue = { ...status.queue, error: 'redis is unreachable', workers_seen: null };
    status.circuit_breakers.providers = [
      { provider: 'openai', state: 'open', processes: [] },
      { provider: 'anthropic', state: 'half-open', processes: [] },
      { provider: 'local', state: 'open', processes: [] },
    ];
    status.budget.caps.push(
      {
        scope: 'global',
        scope_id: 'phase_1',
        period: 'month',
        unit: 'eur',
        cap: 100,
        spent: 100,
        reserved: 0,
        remaining: 0,
        resets_at: null,
      },
      {
        scope: 'provider',
        scope_id: 'openai',
        period: 'day',
        unit: 'tokens',
        cap: 1000,
        spent: 990,
        reserved: 10,
        remaining: 0,
        resets_at: null,
      },
    );
    status.residency.routing_to = [];
    expect(degradedReasons(status)).toEqual([
      '2 migrations pending',
      'redis unreachable',
      'circuit open: openai, local',
      'budget exhausted: global monthly cap',
      'budget exhausted: openai daily token ceiling',
      'residency leaves no vendor to route to',
    ]);
  });

  it('names a queue nobody takes jobs from, and a queue that cannot be read while Redis answers', () => {
    const status = healthy();
    status.queue.workers_seen = 0;
    expect(degradedReasons(status)).toEqual(['no queue workers seen']);
    status.queue = { ...status.queue, error: 'the queue did not answer within 5000 ms', workers_seen: null };
    expect(degradedReasons(status)).toEqual(['queue unreadable']);
  });

  it('names an unreadable section only when the database is up to date, since otherwise the database is the cause', () => {
    const status = healthy();
    status.budget.error = 'relation "budget_counters" does not exist';
    status.runs.error = 'permission denied for table runs';
    expect(degradedReasons(status)).toEqual(['budget unreadable', 'runs unreadable']);
    status.database.migrations = { applied: [], pending: ['m1', 'm2'] };
    expect(degradedReasons(status)).toEqual(['2 migrations pending']);
    status.database = { ...status.database, reachable: false, error: 'connect ECONNREFUSED', migrations: null };
    expect(degradedReasons(status)).toEqual(['database unreachable']);
  });
});
