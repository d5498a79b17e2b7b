import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_PATHS } from '#src/app/http/run-pages/run-paths.ts';
import { signRunLink } from '#src/app/http/run-pages/sign-run-link.ts';
import { composeAgentDeps } from '#src/compose/compose-agent-deps.ts';
import { createHttpHandlers } from '#src/compose/create-http-handlers.ts';
import { loadConfig, loadEnv } from '#src/config/index.ts';
import { createMetrics } from '#src/observability/metrics.ts';
import { createCircuitStore } from '#src/state/circuit/circuit-store.ts';
import { createMemoryQueue } from '#src/store/create-memory-queue.ts';
import { databaseEngines } from '../../helpers/backend-matrix.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';

const SECRET = 'run-pages-status-secret-of-32-bytes';
const HOUR_MS = 3_600_000;

describe('the runs index shows the operator status, gathered as aos status gathers it', () => {
  let testDb: TestDatabase;
  let server: http.Server;
  let baseUrl: string;
  let release: () => void = () => undefined;
  const queue = createMemoryQueue<{ n: number }>({ logger: captureLogger().logger, concurrency: 1 });

  beforeAll(async () => {
    testDb = await databaseEngines()[0]!.create();
    const { logger } = captureLogger();
    const env = loadEnv({ AOS_PUBLIC_URL: 'https://aos.example.test', AOS_RUN_LINK_SECRET: SECRET });
    const config = loadConfig({ configDir: process.cwd(), env });
    const backends = { db: testDb.db, redis: undefined };
    const metrics = createMetrics();
    const agent = composeAgentDeps({ env, config, backends, logger, metrics });
    // The server's in-process worker, holding its first job: one running, one waiting.
    const held = new Promise<void>((resolve) => (release = resolve));
    queue.process(() => held);
    await queue.enqueue({ n: 1 }, 'delivery-1');
    await queue.enqueue({ n: 2 }, 'delivery-2');
    while ((await queue.depth()).active === 0) await new Promise((resolve) => setImmediate(resolve));
    const created = await agent.runStore.createRun({ kind: 'issue', owner: 'octo-org', repo: 'widgets', issueNumber: 42 });
    if (!created.created) throw new Error('the run was not created');
    const { handlers } = createHttpHandlers({ env, config, backends, queue, agent, metrics, logger });
    server = http.createServer((req, res) => {
      void (async () => {
        for (const handler of handlers) if (await handler(req, res)) return;
        res.writeHead(404).end('not found');
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    release();
    await queue.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await testDb?.drop();
  });

  const index = async () => {
    const response = await fetch(
      `${baseUrl}${signRunLink({ secret: SECRET, path: RUN_PATHS.list, expiresAt: new Date(Date.now() + HOUR_MS) })}`,
    );
    expect(response.status).toBe(200);
    const page = await response.text();
    const section = /<section id="status" data-status="(ok|degraded)">([\s\S]*?)<\/section>/.exec(page);
    expect(section, 'the status section').not.toBeNull();
    const part = (name: string) => new RegExp(`<tr data-part="${name}">([\\s\\S]*?)</tr>`).exec(section![2]!)?.[1] ?? '';
    return { page, verdict: section![1], section: section![2]!, part };
  };

  it('is ok with the database migrated, the in-process queue and its worker, every cap and vendor listed', async () => {
    const { page, verdict, section, part } = await index();
    expect(verdict).toBe('ok');
    expect(section).not.toContain('Degraded:');
    expect(part('database')).toMatch(/migrations applied, 0 pending/);
    expect(part('redis')).toContain('not configured');
    expect(part('queue')).toContain('in-process: 1 waiting, 1 running');
    expect(part('queue')).toContain('1 worker seen');
    expect(part('queue')).toContain('depth 2');
    expect(part('circuit breakers')).toContain('<span class="badge ok">all closed</span>');
    expect(part('circuit breakers')).toMatch(/data-circuit="openai">openai <span class="badge ok">closed<\/span>/);
    expect(part('budget')).toMatch(/data-cap="global:phase_\d+:day">global day: €[\d.]+ left of €[\d.]+/);
    expect(part('residency')).toMatch(
      /data-vendor="anthropic">anthropic <code>api\.anthropic\.com<\/code> <span class="badge bad">blocked<\/span>/,
    );
    // The runs list is still there, below.
    expect(page).toContain('octo-org/widgets#42');
  });

  it('turns degraded, naming the provider, when another process records an open circuit breaker', async () => {
    const store = createCircuitStore(testDb.db.knex);
    const openedAt = Date.now();
    await store.record('worker-7:99', 'openai', { state: 'open', failures: 4, openedAt, retryAt: openedAt + 600_000 });
    try {
      const { verdict, section, part } = await index();
      expect(verdict).toBe('degraded');
      expect(section).toContain('<p>Degraded: circuit open: openai</p>');
      expect(part('circuit breakers')).toContain('<span class="badge bad">1 open</span>');
      expect(part('circuit breakers')).toMatch(/data-circuit="openai">openai <span class="badge bad">open<\/span>/);
    } finally {
      await store.record('worker-7:99', 'openai', { state: 'closed' });
    }
    expect((await index()).verdict).toBe('ok');
  });
});
