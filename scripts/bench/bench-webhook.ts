/**
 * Webhook acknowledgement benchmark over real HTTP: the app server runs as a child process (as
 * `npm start` does, embedded database, in-process queue) against a local GitHub double, and signed
 * `pull_request.opened` deliveries are sent to it; each is validated, recorded and its
 * package-reality job enqueued before the answer. Writes metrics/performance/webhook_ack_latency.csv.
 */
import { startGithubDouble } from '../../test/helpers/github-double/index.ts';
import { startOpenAiDouble } from '../../test/helpers/openai-double.ts';
import { sendWebhook } from '../../test/helpers/sign-webhook.ts';
import { generateAppKey, startAosServer } from '../../test/helpers/start-aos-server.ts';
import { FIXTURE_FILES } from '../../test/helpers/agent-fixture.ts';
import { percentiles } from './lib/percentiles.ts';
import { writeCsv } from './lib/write-csv.ts';

const SECRET = 'bench-webhook-secret';
const SEQUENTIAL = 300;
const BURST = 400;
const BURST_CONCURRENCY = 16;

async function main(): Promise<void> {
  const key = generateAppKey();
  const github = await startGithubDouble({
    repos: { 'octo/bench': { files: FIXTURE_FILES, issues: [{ title: 'bench' }] } },
    app: { id: 1, publicKey: key.publicKey },
  });
  const model = await startOpenAiDouble(() => ({ status: 400, body: { error: { message: 'no model in this benchmark' } } }));
  const server = await startAosServer({ githubHost: github.host, modelUrl: model.url, privateKey: key.privateKey, webhookSecret: SECRET });
  github.pushBranch('octo/bench', 'bench-change', { 'README.md': '# fixture\n\nBenchmarked.\n' });
  const opened = github.openPullRequest('octo/bench', { head: 'bench-change', title: 'bench', user: 'alice' });
  const payload = github.pullRequestOpened('octo/bench', opened.pull.number, 42);
  let id = 0;
  const send = async () => {
    id += 1;
    const started = process.hrtime.bigint();
    const response = await sendWebhook({ url: server.webhookUrl, secret: SECRET, event: 'pull_request', id: `bench-${id}`, payload });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (response.status >= 300) throw new Error(`delivery ${id} answered ${response.status}: ${response.body}`);
    return ms;
  };
  try {
    for (let i = 0; i < 20; i += 1) await send();
    const samples: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i += 1) samples.push(await send());
    const burstStarted = process.hrtime.bigint();
    let next = 0;
    await Promise.all(
      Array.from({ length: BURST_CONCURRENCY }, async () => {
        while (next < BURST) {
          next += 1;
          await send();
        }
      }),
    );
    const burstSeconds = Number(process.hrtime.bigint() - burstStarted) / 1e9;
    const throughput = BURST / burstSeconds;
    const ack = percentiles(samples);
    const timestamp = new Date().toISOString();
    writeCsv(
      'metrics/performance/webhook_ack_latency.csv',
      ['timestamp', 'operation', 'latency_ms', 'percentile'],
      [
        ...(['p50', 'p95', 'p99'] as const).map((p) => ({ timestamp, operation: 'ack', latency_ms: ack[p].toFixed(3), percentile: p })),
        {
          timestamp,
          operation: 'throughput_per_s',
          latency_ms: throughput.toFixed(1),
          percentile: `burst of ${BURST}, ${BURST_CONCURRENCY} concurrent`,
        },
      ],
    );
    console.log(
      `webhook ack (sequential, ${SEQUENTIAL})  p50 ${ack.p50.toFixed(2)} ms  p95 ${ack.p95.toFixed(2)} ms  p99 ${ack.p99.toFixed(2)} ms`,
    );
    console.log(`throughput: ${throughput.toFixed(1)} acknowledged deliveries/s (${BURST} sent ${BURST_CONCURRENCY} at a time)`);
    console.log(`${ack.p95 < 100 ? 'MET    ' : 'NOT MET'} webhook ack p95 < 100 ms: ${ack.p95.toFixed(2)} ms`);
  } finally {
    await server.kill('SIGKILL');
    await model.close();
    await github.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
