import { describe, expect, it } from 'vitest';
import { renderStatusText } from '#src/cli/commands/render-status-text.ts';
import type { SystemStatus } from '#src/state/status/system-status.ts';

const degraded = (): SystemStatus => ({
  ok: false,
  degraded: ['1 migration pending', 'circuit open: openai'],
  checked_at: '2026-11-22T10:00:00.000Z',
  database: {
    engine: 'postgresql',
    location: 'db:5432/aos',
    reachable: true,
    error: null,
    migrations: { applied: ['m1'], pending: ['m2'] },
  },
  redis: { configured: true, location: 'redis:6379', reachable: true, error: null },
  queue: {
    kind: 'bullmq',
    visible: true,
    note: null,
    error: null,
    depth: 3,
    waiting: 2,
    active: 1,
    oldest_job_age_ms: 95_000,
    workers_seen: 2,
  },
  circuit_breakers: {
    source: 'database',
    error: null,
    providers: [
      {
        provider: 'openai',
        state: 'open',
        processes: [
          { process: 'web-1:10', state: 'open', failures: 5, opened_at: '2026-11-22T09:58:00.000Z', retry_at: '2026-11-22T10:03:00.000Z' },
        ],
      },
      {
        provider: 'anthropic',
        state: 'half-open',
        processes: [
          {
            process: 'worker-2:20',
            state: 'half-open',
            failures: 1,
            opened_at: '2026-11-22T09:00:00.000Z',
            retry_at: '2026-11-22T09:05:00.000Z',
          },
        ],
      },
    ],
  },
  budget: {
    phase: '2',
    error: null,
    caps: [
      {
        scope: 'global',
        scope_id: 'phase_2',
        period: 'day',
        unit: 'eur',
        cap: 450,
        spent: 100.5,
        reserved: 0.25,
        remaining: 349.25,
        resets_at: '2026-11-23T00:00:00.000Z',
      },
      {
        scope: 'provider',
        scope_id: 'openai',
        period: 'day',
        unit: 'tokens',
        cap: 40_000_000,
        spent: 1_000_000,
        reserved: 0,
        remaining: 39_000_000,
        resets_at: null,
      },
    ],
  },
  residency: {
    enforce_eu_residency: true,
    block_non_eu_requests: true,
    routing_to: ['openai'],
    vendors: [
      {
        vendor: 'openai',
        endpoint_host: 'eu.api.openai.com',
        declared_region: 'eu',
        decision: 'allowed',
        compliant: true,
        reason: 'an EU host',
      },
    ],
  },
  runs: {
    error: null,
    recent: [
      {
        id: 'run-1',
        kind: 'issue',
        status: 'failed',
        verdict: null,
        cost_eur: 0.5,
        created_at: '2026-11-22T09:30:00.000Z',
        finished_at: null,
        where: 'octo-org/\u001b[2Jwidgets#3',
        error: 'boom',
      },
    ],
  },
});

describe('aos status as text', () => {
  it('puts the verdict first and shows each part, breakers per process, pending migrations by name', () => {
    const lines = renderStatusText(degraded());
    expect(lines[0]).toBe('aos status: degraded — 1 migration pending, circuit open: openai');
    expect(lines).toContain('database   postgresql at db:5432/aos: up, 1 migration applied, 1 pending');
    expect(lines).toContain('  pending  m2  (aos migrate applies it)');
    expect(lines).toContain('redis      redis:6379: up');
    expect(lines).toContain('queue      BullMQ on redis: depth 3 (2 waiting, 1 running), oldest waiting job 95 s, 2 workers seen');
    expect(lines).toContain('circuits   openai open, anthropic half-open');
    expect(lines).toContain('  openai open in web-1:10: 5 failures, opened 2026-11-22 09:58 UTC, refuses calls until 2026-11-22 10:03 UTC');
    expect(lines).toContain(
      '  anthropic half-open in worker-2:20: 1 failure, opened 2026-11-22 09:00 UTC, next call probes since 2026-11-22 09:05 UTC',
    );
    expect(lines).toContain('budget     phase 2');
    expect(lines.find((line) => line.startsWith('  global day'))).toMatch(
      /€349\.25 left +of €450\.00 \(spent €100\.50, reserved €0\.25\) +resets 2026-11-23 00:00 UTC/,
    );
    expect(lines.find((line) => line.startsWith('  openai day tokens'))).toMatch(/39,000,000 tokens left .* resets never$/);
    expect(lines).toContain('residency  routing to openai (enforce_eu_residency: true, block_non_eu_requests: true)');
  });

  it('shows a run outcome without the terminal escapes its text may carry', () => {
    const run = renderStatusText(degraded()).find((line) => line.includes('run-1'));
    expect(run).toMatch(/^ {2}run-1 +2026-11-22 09:30:00 +issue +failed +€0\.5000 +octo-org\/\?\[2Jwidgets#3$/);
  });

  it('says why a part is not shown: the queue of another process, or a part that could not be read', () => {
    const status = degraded();
    status.redis = { configured: false, location: null, reachable: null, error: null };
    status.queue = { ...status.queue, kind: 'in-process', visible: false, note: 'inside the server', depth: null };
    status.circuit_breakers.error = 'the database is unreachable';
    status.budget.error = 'the database is unreachable';
    status.runs = { error: null, recent: [] };
    const lines = renderStatusText(status);
    expect(lines).toContain('redis      not configured (no REDIS_URL: no cache, in-process queue)');
    expect(lines).toContain('queue      in-process: inside the server');
    expect(lines).toContain('circuits   not available: the database is unreachable');
    expect(lines).toContain('budget     not available: the database is unreachable');
    expect(lines).toContain('runs       none recorded yet');
    expect(renderStatusText({ ...status, ok: true, degraded: [] })[0]).toBe('aos status: ok');
  });
});
