import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config/index.ts';
import { answers, FIXTURE_FILES, FIXTURE_TASK, reply } from '../helpers/agent-fixture.ts';
import { startGithubDouble, type GithubDouble } from '../helpers/github-double/index.ts';
import { startOpenAiDouble } from '../helpers/openai-double.ts';
import { OPS_FILES, opsQueries, readAlertRules } from '../helpers/ops-files.ts';
import { prometheusBinaries, startPrometheus, type PrometheusServer } from '../helpers/prometheus-binaries.ts';
import { metricFamilyOf, parseExposition, promqlMetricNames } from '../helpers/promql-metric-names.ts';
import { sendWebhook } from '../helpers/sign-webhook.ts';
import { generateAppKey, startAosServer, type AosServer } from '../helpers/start-aos-server.ts';

// Child processes and a whole run on a busy 2-core machine: generous on purpose.
const SCENARIO_TIMEOUT_MS = 240_000;
const RUN_TIMEOUT_MS = 120_000;
// Prometheus scrapes and evaluates every second; a few rounds are enough, this is the ceiling.
const PROMETHEUS_TIMEOUT_MS = 60_000;

const SECRET = 'ops-e2e-webhook-secret';
const REPO = 'octo/fixture';
const INSTALLATION_ID = 42;
const WRITER = 'alice';
const binaries = prometheusBinaries();
const finops = loadConfig({ configDir: OPS_FILES.root }).finops;

/** The model's scripted answers, chosen by the node asking (its system prompt). */
function fixtureModelAnswer(body: Record<string, unknown>) {
  const system = ((body.messages ?? []) as Array<{ role: string; content: unknown }>).find((message) => message.role === 'system')?.content;
  const who = String(system ?? '');
  if (who.startsWith('You are the planner')) return reply(answers.plan());
  if (who.startsWith('You are the coder'))
    return reply(answers.edits([{ kind: 'replace', path: 'src/math.ts', search: 'return a - b;', replace: 'return a + b;' }]));
  if (who.startsWith('You are the critic')) return reply(answers.critic('pass', []));
  if (who.startsWith('You are the QA')) return reply(answers.acceptance());
  return { status: 400, body: { error: { message: 'unscripted model request' } } };
}

/** Polls `read` until it returns something, or fails naming `what`. */
async function eventually<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = PROMETHEUS_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

describe('the alert rules and the dashboard against a running aos that has done one run', () => {
  let github: GithubDouble;
  let model: Awaited<ReturnType<typeof startOpenAiDouble>>;
  let server: AosServer;
  let scrape: string;

  beforeAll(async () => {
    const key = generateAppKey();
    github = await startGithubDouble({
      repos: {
        [REPO]: {
          defaultBranch: 'main',
          files: FIXTURE_FILES,
          issues: [{ title: FIXTURE_TASK.title, body: FIXTURE_TASK.body, user: WRITER }],
        },
      },
      collaborators: { [WRITER]: 'write' },
      app: { id: 1, publicKey: key.publicKey },
    });
    model = await startOpenAiDouble((body) => fixtureModelAnswer(body));
    server = await startAosServer({ githubHost: github.host, modelUrl: model.url, privateKey: key.privateKey, webhookSecret: SECRET });

    const comment = github.addComment(REPO, 1, { body: '/aos plan', user: WRITER });
    const answer = await sendWebhook({
      url: server.webhookUrl,
      secret: SECRET,
      event: 'issue_comment',
      id: 'ops-e2e-delivery-1',
      payload: github.issueCommentCreated(REPO, comment, INSTALLATION_ID),
    });
    expect(answer.status).toBe(200);
    const reactions = () =>
      github.state.reactions.filter((reaction) => reaction.commentId === comment.id).map((reaction) => reaction.content);
    // The run waits for the repository's CI on its commit; the CI passes and GitHub says so.
    await github.until(
      'the run to wait for CI',
      () => github.repo(REPO).comments.some((candidate) => candidate.body.includes("waiting for the repository's CI")),
      RUN_TIMEOUT_MS,
    );
    const head = github.repo(REPO).checkRuns.find((run) => run.name === 'aos / agent')!.head_sha;
    const suite = github.completeCi(REPO, head, [{ name: 'test', conclusion: 'success' }], INSTALLATION_ID);
    expect(
      (await sendWebhook({ url: server.webhookUrl, secret: SECRET, event: 'check_suite', id: 'ops-e2e-ci-1', payload: suite })).status,
    ).toBe(200);
    await github.until(
      'the run to finish (🚀 or 😕)',
      () => reactions().some((content) => content === 'rocket' || content === 'confused'),
      RUN_TIMEOUT_MS,
    );
    expect(reactions(), server.logs()).toEqual(['eyes', 'rocket']);
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    scrape = await response.text();
  }, SCENARIO_TIMEOUT_MS);

  afterAll(async () => {
    await server?.stop();
    if (server) rmSync(server.dataDir, { recursive: true, force: true });
    await Promise.all([github?.close(), model?.close()]);
  });

  it('scrapes after the run was counted', () => {
    expect(scrape).toMatch(/^aos_runs_total\{outcome="ready"\} 1$/m);
  });

  it('exposes, with samples, every metric a rule or a dashboard panel uses', () => {
    const { types, sampled } = parseExposition(scrape);
    const histograms = new Set([...types].filter(([, type]) => type === 'histogram').map(([name]) => name));
    const queries = opsQueries();
    // Every rule and every panel target is in the list, each with at least one aos metric.
    expect(queries.length).toBeGreaterThanOrEqual(readAlertRules().length + 18);
    const missing: string[] = [];
    for (const { source, expr } of queries) {
      const names = promqlMetricNames(expr);
      expect(names.length, `${source}: ${expr}`).toBeGreaterThan(0);
      for (const name of names) {
        const family = metricFamilyOf(name, histograms);
        if (!types.has(family) || !sampled.has(name)) missing.push(`${source}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  describe.skipIf(binaries.skip('prometheus'))('scraped by a real Prometheus server', () => {
    let prometheus: PrometheusServer;
    beforeAll(async () => {
      prometheus = await startPrometheus({
        binary: binaries.require('prometheus'),
        target: new URL(server.url).host,
        ruleFiles: [OPS_FILES.rules],
      });
    }, SCENARIO_TIMEOUT_MS);
    afterAll(async () => {
      await prometheus?.stop();
    });

    /** An instant query through the HTTP API. */
    const query = async (promql: string) => {
      const response = await fetch(`${prometheus.url}/api/v1/query?${new URLSearchParams({ query: promql })}`);
      const body = (await response.json()) as { status: string; error?: string; data?: { resultType: string; result: unknown } };
      return { httpStatus: response.status, ...body };
    };

    it(
      'answers a query for the budget left per cap with what aos exposes',
      async () => {
        const result = await eventually('aos_budget_remaining_eur in Prometheus', async () => {
          const answer = await query('aos_budget_remaining_eur');
          const vector = (answer.data?.result ?? []) as VectorSample[];
          return vector.length >= 2 ? vector : undefined;
        });
        const instance = new URL(server.url).host;
        const byPeriod = new Map(result.map((sample) => [sample.metric.period, sample]));
        const phase = finops.phases[finops.active_phase]!;
        for (const [period, cap] of [
          ['day', phase.daily_eur_cap],
          ['month', phase.monthly_eur_cap],
        ] as const) {
          const sample = byPeriod.get(period);
          expect(sample?.metric, prometheus.logs()).toEqual({
            __name__: 'aos_budget_remaining_eur',
            scope: 'global',
            period,
            job: 'aos',
            instance,
          });
          // The run's local model costs nothing: all of each cap is left, as aos's own scrape says.
          const own = new RegExp(`^aos_budget_remaining_eur\\{scope="global",period="${period}"\\} (\\S+)$`, 'm').exec(scrape)?.[1];
          expect(Number(sample!.value[1])).toBe(Number(own));
          expect(Number(sample!.value[1])).toBe(cap);
        }
      },
      PROMETHEUS_TIMEOUT_MS,
    );

    it(
      'loads every alerting rule and evaluates each without error on the live data',
      async () => {
        const names = readAlertRules().map((rule) => rule.alert);
        const rules = await eventually('every rule evaluated', async () => {
          const response = await fetch(`${prometheus.url}/api/v1/rules?type=alert`);
          const body = (await response.json()) as {
            data: {
              groups: Array<{ rules: Array<{ name: string; health: string; lastError?: string; lastEvaluation: string; state: string }> }>;
            };
          };
          const loaded = body.data.groups.flatMap((group) => group.rules);
          const evaluated = loaded.filter((rule) => !rule.lastEvaluation.startsWith('0001-'));
          return evaluated.length === names.length ? loaded : undefined;
        });
        expect(rules.map((rule) => rule.name).sort()).toEqual([...names].sort());
        for (const rule of rules)
          expect({ name: rule.name, health: rule.health, lastError: rule.lastError ?? '' }).toEqual({
            name: rule.name,
            health: 'ok',
            lastError: '',
          });
        // A healthy aos after one good run: nothing fires.
        expect(rules.filter((rule) => rule.state === 'firing').map((rule) => rule.name)).toEqual([]);
      },
      PROMETHEUS_TIMEOUT_MS,
    );

    it(
      "runs every dashboard panel's query without error",
      async () => {
        const failures: string[] = [];
        for (const { source, expr } of opsQueries().filter((entry) => entry.source.startsWith('panel'))) {
          // Grafana replaces $__rate_interval with at least four scrape intervals.
          const answer = await query(expr.replaceAll('$__rate_interval', '1m'));
          if (answer.httpStatus !== 200 || answer.status !== 'success') failures.push(`${source}: ${answer.error ?? answer.httpStatus}`);
        }
        expect(failures).toEqual([]);
      },
      PROMETHEUS_TIMEOUT_MS,
    );
  });
});
