import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import { runCli } from '#src/cli/run-cli.ts';
import { loadConfig } from '#src/config/index.ts';
import { createCircuitStore } from '#src/state/circuit/circuit-store.ts';
import { createRunStore } from '#src/state/run-store.ts';
import type { SystemStatus } from '#src/state/status/system-status.ts';
import { createBullmqQueue } from '#src/store/create-bullmq-queue.ts';
import { defaultEmbeddedTemplate } from '#src/store/embedded-template.ts';
import type { JobQueue } from '#src/store/job-queue.ts';
import { migrateLatest } from '#src/store/migrate.ts';
import { openDatabase } from '#src/store/open-database.ts';
import { captureLogger } from '../helpers/capture-logger.ts';
import { freePort, startOwnRedis, type OwnRedis } from '../helpers/redis-server.ts';
import { usePostgresDatabase } from '../helpers/use-postgres-database.ts';

const execFileAsync = promisify(execFile);
const config = loadConfig({ configDir: process.cwd() });
const MIGRATION_NAMES = migrations.map((entry) => entry.name);
/** The top-level keys of `aos status --json`, in order: scripts and dashboards read them. */
const STATUS_KEYS = ['ok', 'degraded', 'checked_at', 'database', 'redis', 'queue', 'circuit_breakers', 'budget', 'residency', 'runs'];

/** Runs `aos status …` as a child process, as an operator would. */
async function aos(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ['bin/aos.mjs', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Polls `check` until it holds; fails with `what` after a generous deadline. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('aos status', () => {
  it('refuses an unknown option or an argument with exit 2 and its usage', async () => {
    for (const args of [
      ['status', '--verbose'],
      ['status', 'now'],
    ]) {
      const stderr: string[] = [];
      const code = await runCli(args, { out: () => undefined, err: (text) => stderr.push(text) });
      expect(code, args.join(' ')).toBe(2);
      expect(stderr.join('\n'), args.join(' ')).toContain('Usage: aos status [--json]');
    }
  });

  it('is ok on a migrated embedded database: exit 0 and --json in its stable shape', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aos-status-'));
    // Seeded from the build's template where there is one, as `npm start` would be: a fresh initdb costs seconds.
    const db = await openDatabase({ dataDir, embeddedTemplate: defaultEmbeddedTemplate() });
    await migrateLatest(db.knex);
    await db.close();
    const result = await aos(['status', '--json'], { AOS_DATA_DIR: dataDir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout) as SystemStatus;
    expect(Object.keys(status)).toEqual(STATUS_KEYS);
    expect(status).toMatchObject({
      ok: true,
      degraded: [],
      database: { engine: 'pglite', location: path.join(dataDir, 'pgdata'), reachable: true, error: null },
      redis: { configured: false, location: null, reachable: null },
      queue: { kind: 'in-process', visible: false, depth: null, workers_seen: null },
      circuit_breakers: { source: 'database', error: null },
      budget: { phase: String(config.finops.active_phase), error: null },
      runs: { error: null, recent: [] },
    });
    expect(status.database.migrations).toEqual({ applied: MIGRATION_NAMES, pending: [] });
    expect(status.circuit_breakers.providers).toEqual(
      Object.keys(config.routing.providers).map((provider) => ({ provider, state: 'closed', processes: [] })),
    );
    const phase = config.finops.phases[String(config.finops.active_phase)]!;
    const global = status.budget.caps.filter((cap) => cap.scope === 'global');
    expect(global.map((cap) => [cap.period, cap.cap, cap.remaining])).toEqual([
      ['day', phase.daily_eur_cap, phase.daily_eur_cap],
      ['month', phase.monthly_eur_cap, phase.monthly_eur_cap],
    ]);
    expect(status.residency.vendors.map((vendor) => [vendor.vendor, vendor.decision])).toEqual([
      ['openai', 'allowed'],
      ['anthropic', 'blocked'],
      ['local', 'allowed'],
    ]);
    expect(status.residency.routing_to).toEqual(['openai', 'local']);
  });

  describe('on PostgreSQL with Redis', () => {
    const postgres = usePostgresDatabase();
    let redis: OwnRedis;
    let queue: JobQueue<{ n: number }>;
    let release: () => void = () => undefined;
    let runId: string;
    const env = () => ({ DATABASE_URL: postgres.database.url!, REDIS_URL: redis.url });

    beforeAll(async () => {
      if (!postgres.serverUrl) return;
      redis = await startOwnRedis();
      // A worker of our own that holds the first job, so the queue has one job running and one waiting.
      queue = createBullmqQueue<{ n: number }>({ redisUrl: redis.url, logger: captureLogger().logger, concurrency: 1 });
      const held = new Promise<void>((resolve) => (release = resolve));
      queue.process(() => held);
      await queue.enqueue({ n: 1 }, 'job-1');
      await queue.enqueue({ n: 2 }, 'job-2');
      await until(async () => (await queue.depth()).active === 1, 'the worker to take the first job');
      const runs = createRunStore(postgres.database.db.knex);
      const created = await runs.createRun({ kind: 'issue', owner: 'octo-org', repo: 'widgets', issueNumber: 7 });
      if (!created.created) throw new Error('the run was not created');
      runId = created.run.id;
      await runs.updateRun(runId, { status: 'completed', verdict: 'ready', costEur: 0.0123, finishedAt: new Date().toISOString() });
    });
    afterAll(async () => {
      release();
      await queue?.close();
      await redis?.kill();
    });

    it.skipIf(!postgres.serverUrl)('is ok with everything up: exit 0, the verdict first, then each part', async () => {
      const result = await aos(['status'], env());
      expect(result.code).toBe(0);
      const lines = result.stdout.split('\n');
      expect(lines[0]).toBe('aos status: ok');
      const location = new URL(postgres.database.url!);
      expect(result.stdout).toContain(
        `database   postgresql at 127.0.0.1:${location.port || '5432'}${location.pathname}: up, ${MIGRATION_NAMES.length} migrations applied, 0 pending`,
      );
      expect(result.stdout).toContain(`redis      127.0.0.1:${redis.port}: up`);
      expect(result.stdout).toMatch(
        /queue {6}BullMQ on redis: depth 2 \(1 waiting, 1 running\), oldest waiting job \d+ (ms|s), 1 worker seen/,
      );
      expect(result.stdout).toContain(
        `circuits   ${Object.keys(config.routing.providers)
          .map((name) => `${name} closed`)
          .join(', ')}`,
      );
      expect(result.stdout).toMatch(/ {2}global day +€[\d,.]+ left/);
      expect(result.stdout).toContain('residency  routing to openai, local');
      const run = lines.find((line) => line.includes(runId));
      expect(run).toMatch(/issue +completed \(ready\) +€0\.0123 +octo-org\/widgets#7$/);
    });

    it.skipIf(!postgres.serverUrl)('names a circuit breaker that another process recorded open, with exit 1', async () => {
      const store = createCircuitStore(postgres.database.db.knex);
      const openedAt = Date.now();
      await store.record('worker-host:4242', 'openai', { state: 'open', failures: 5, openedAt, retryAt: openedAt + 600_000 });
      try {
        const result = await aos(['status', '--json'], env());
        expect(result.code).toBe(1);
        const status = JSON.parse(result.stdout) as SystemStatus;
        expect(status.ok).toBe(false);
        expect(status.degraded).toEqual(['circuit open: openai']);
        expect(status.circuit_breakers.providers.find((provider) => provider.provider === 'openai')).toEqual({
          provider: 'openai',
          state: 'open',
          processes: [
            {
              process: 'worker-host:4242',
              state: 'open',
              failures: 5,
              opened_at: new Date(openedAt).toISOString(),
              retry_at: new Date(openedAt + 600_000).toISOString(),
            },
          ],
        });
        expect(status.queue).toMatchObject({ kind: 'bullmq', depth: 2, waiting: 1, active: 1, workers_seen: 1 });
        expect(status.runs.recent[0]).toMatchObject({ id: runId, status: 'completed', verdict: 'ready', where: 'octo-org/widgets#7' });
      } finally {
        await store.record('worker-host:4242', 'openai', { state: 'closed' });
      }
    });

    it.skipIf(!postgres.serverUrl)('names redis, with exit 1, when REDIS_URL points where nothing listens', async () => {
      const port = await freePort();
      const result = await aos(['status'], { ...env(), REDIS_URL: `redis://127.0.0.1:${port}` });
      expect(result.code).toBe(1);
      expect(result.stdout.split('\n')[0]).toBe('aos status: degraded — redis unreachable');
      expect(result.stdout).toContain(`redis      127.0.0.1:${port}: unreachable: connect ECONNREFUSED 127.0.0.1:${port}`);
      expect(result.stdout).toContain('queue      BullMQ on redis: not available: redis is unreachable');
    });

    it.skipIf(!postgres.serverUrl)('names pending migrations, with exit 1, and lists them', async () => {
      const knex = postgres.database.db.knex;
      const last = migrations.at(-1)!;
      await last.migration.down!(knex);
      await knex('knex_migrations').where({ name: last.name }).delete();
      const result = await aos(['status', '--json'], { DATABASE_URL: postgres.database.url! });
      expect(result.code).toBe(1);
      const status = JSON.parse(result.stdout) as SystemStatus;
      // The tables the missing migration makes cannot be read, but the migration is the cause named.
      expect(status.degraded).toEqual(['1 migration pending']);
      expect(status.database.migrations).toEqual({ applied: MIGRATION_NAMES.slice(0, -1), pending: [last.name] });
      expect(status.queue).toMatchObject({ kind: 'in-process', visible: false });
    });
  });
});
