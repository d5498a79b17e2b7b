/**
 * State fabric benchmark against real PostgreSQL and Redis (DATABASE_URL / REDIS_URL, or the
 * localhost defaults). Writes metrics/performance/state_cache_latency.csv (p50/p95/p99 per
 * operation) and metrics/performance/state_overhead.csv (our p95 against the raw client's).
 */
import { createLedger } from '../../src/state/ledger/ledger.ts';
import { createResilientCache } from '../../src/state/resilient-cache.ts';
import { createStateRepository } from '../../src/state/state-repository.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import { openDatabase } from '../../src/store/open-database.ts';
import { createRedisClient } from '../../src/store/redis-client.ts';
import { BENCH_REDIS_URL, createBenchDatabase } from './lib/bench-database.ts';
import { percentiles, timeMs } from './lib/percentiles.ts';
import { writeCsv } from './lib/write-csv.ts';

const ITERATIONS = Number(process.env.AOS_BENCH_ITERATIONS ?? 2000);
const LEDGER_WRITERS = 8;
const APPENDS_PER_WRITER = 250;

/** A checkpoint shaped like a real graph state (~2 KB). */
const checkpoint = (i: number) => ({
  run_id: `run-${i % 100}`,
  node: ['planner', 'coder', 'critic', 'qa', 'approver'][i % 5],
  iteration: i,
  plan: {
    summary: 'Add retry with backoff to the HTTP client',
    steps: Array.from({ length: 6 }, (_, s) => `step ${s}: ${'x'.repeat(120)}`),
  },
  findings: Array.from({ length: 4 }, (_, f) => ({ path: `src/file-${f}.ts`, line: 10 + f, severity: 'minor', message: 'm'.repeat(80) })),
  cost_eur: 0.0123 * i,
});

const SAVE_STATEMENT = `WITH saved AS (
    INSERT INTO sessions (id, payload, payload_hash, version, updated_at) VALUES ($1, $2::jsonb, $3, nextval('sessions_version_seq'), now())
    ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload, payload_hash = EXCLUDED.payload_hash, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
    RETURNING version),
  audit AS (INSERT INTO state_audit (session_id, action, payload_hash) VALUES ($1, 'save', $3)),
  indexed AS (INSERT INTO state_hash_index (hash, session_id) VALUES ($3, $1) ON CONFLICT DO NOTHING)
  SELECT version FROM saved`;

async function main(): Promise<void> {
  const bench = await createBenchDatabase(10);
  const redis = createRedisClient(BENCH_REDIS_URL, { commandTimeoutMs: 2000 });
  await new Promise((resolve, reject) => {
    redis.once('ready', resolve);
    redis.once('error', reject);
  });
  const logger = createLogger({ level: 'warn', format: 'json' });
  const metrics = createMetrics();
  const repo = createStateRepository({ knex: bench.db.knex, cache: createResilientCache({ redis, logger, metrics }), logger, metrics });
  const samples: Record<string, number[]> = {};
  const record = (operation: string, ms: number) => (samples[operation] ??= []).push(ms);
  const prefix = `aos:bench:${Date.now()}`;

  try {
    // Warm-up: connections open, statements planned, scripts loaded.
    for (let i = 0; i < 200; i += 1)
      await repo
        .get(`${prefix}-${i % 100}`)
        .catch(() => null)
        .then(() => repo.save(`bench-${i % 100}`, checkpoint(i)));

    // Our save and the same single statement through a raw pg connection, interleaved so both run
    // under the same conditions: the difference is what our layer adds (canonical JSON, hashing,
    // knex, the cache write).
    // A single-row INSERT of the same payload is the raw baseline the targets name.
    await bench.db.knex.raw('CREATE TABLE bench_raw (id bigserial PRIMARY KEY, payload jsonb NOT NULL)');
    const rawConnection = await bench.db.knex.client.acquireConnection();
    try {
      for (let i = 0; i < ITERATIONS; i += 1) {
        const payload = checkpoint(i);
        record('save', await timeMs(() => repo.save(`bench-${i % 100}`, payload)));
        const text = JSON.stringify(checkpoint(i));
        const id = `raw-${i % 100}`;
        record('raw_pg_save_statement', await timeMs(() => rawConnection.query(SAVE_STATEMENT, [id, text, `h${i}`])));
        record('raw_pg_insert', await timeMs(() => rawConnection.query('INSERT INTO bench_raw (payload) VALUES ($1::jsonb)', [text])));
      }
    } finally {
      await bench.db.knex.client.releaseConnection(rawConnection);
    }
    await repo.flush();
    // Cache hits and raw GETs of the same bytes, interleaved for the same reason.
    for (let i = 0; i < ITERATIONS; i += 1) {
      record('cache_get', await timeMs(() => repo.get(`bench-${i % 100}`)));
      record('raw_redis_get', await timeMs(() => redis.get(`aos:state:bench-${i % 100}`)));
    }
    for (let i = 0; i < ITERATIONS / 2; i += 1) {
      await redis.del(`aos:state:bench-${i % 100}`);
      record('cache_miss_get', await timeMs(() => repo.get(`bench-${i % 100}`)));
    }

    // Ledger: eight processes' worth of connections appending to one chain at once (the worst case).
    const writers = await Promise.all(Array.from({ length: LEDGER_WRITERS }, () => openDatabase({ databaseUrl: bench.url, poolMax: 1 })));
    try {
      await Promise.all(
        writers.map(async (writer, w) => {
          const ledger = createLedger({ knex: writer.knex, metrics });
          for (let i = 0; i < APPENDS_PER_WRITER; i += 1) {
            record(
              'ledger_append_8_writers',
              await timeMs(() => ledger.appendEvent('bench-run', 'node.completed', { writer: w, i, node: 'coder' })),
            );
          }
        }),
      );
      const verification = await createLedger({ knex: bench.db.knex, metrics }).verifyLedgerIntegrity('bench-run');
      if (!verification.ok || verification.events !== LEDGER_WRITERS * APPENDS_PER_WRITER)
        throw new Error(`ledger chain broken after the benchmark: ${JSON.stringify(verification.problems.slice(0, 3))}`);
      // The production shape: eight workers, each appending to the chain of its own run.
      await Promise.all(
        writers.map(async (writer, w) => {
          const ledger = createLedger({ knex: writer.knex, metrics });
          for (let i = 0; i < APPENDS_PER_WRITER; i += 1) {
            record(
              'ledger_append_8_writers_8_runs',
              await timeMs(() => ledger.appendEvent(`bench-run-${w}`, 'node.completed', { writer: w, i, node: 'coder' })),
            );
          }
        }),
      );
    } finally {
      await Promise.all(writers.map((writer) => writer.close()));
    }
  } finally {
    redis.disconnect();
    await bench.drop();
  }

  const timestamp = new Date().toISOString();
  const summary = Object.fromEntries(Object.entries(samples).map(([operation, values]) => [operation, percentiles(values)]));
  writeCsv(
    'metrics/performance/state_cache_latency.csv',
    ['timestamp', 'operation', 'latency_ms', 'percentile'],
    Object.entries(summary).flatMap(([operation, p]) =>
      (['p50', 'p95', 'p99'] as const).map((percentile) => ({ timestamp, operation, latency_ms: p[percentile].toFixed(4), percentile })),
    ),
  );
  const ratio = (ours: string, raw: string) => summary[ours]!.p95 / summary[raw]!.p95;
  // save vs a raw single-row INSERT is the comparison the issue names; save by contract also writes
  // the audit row, the hash index and the cache, so the same statement through the raw client is
  // reported beside it to show what the layer itself adds.
  const overhead = [
    { operation: 'cache_get', raw_operation: 'raw_redis_get', ratio: ratio('cache_get', 'raw_redis_get') },
    { operation: 'save', raw_operation: 'raw_pg_insert', ratio: ratio('save', 'raw_pg_insert') },
    { operation: 'save', raw_operation: 'raw_pg_save_statement', ratio: ratio('save', 'raw_pg_save_statement') },
  ];
  writeCsv(
    'metrics/performance/state_overhead.csv',
    ['timestamp', 'operation', 'raw_operation', 'ours_p95_ms', 'raw_p95_ms', 'ratio', 'target_ratio', 'met'],
    overhead.map((row) => ({
      timestamp,
      operation: row.operation,
      raw_operation: row.raw_operation,
      ours_p95_ms: summary[row.operation]!.p95.toFixed(4),
      raw_p95_ms: summary[row.raw_operation]!.p95.toFixed(4),
      ratio: row.ratio.toFixed(3),
      target_ratio: 1.5,
      met: row.ratio <= 1.5,
    })),
  );

  const targets: Array<[string, number, number]> = [
    ['cache GET p95 < 1 ms', summary.cache_get!.p95, 1],
    ['save p95 < 10 ms', summary.save!.p95, 10],
    ['ledger append (8 writers, one chain) p95 < 10 ms', summary.ledger_append_8_writers!.p95, 10],
    ['ledger append (8 writers, one chain each) p95 < 10 ms', summary.ledger_append_8_writers_8_runs!.p95, 10],
  ];
  for (const [operation, p] of Object.entries(summary)) {
    console.log(`${operation.padEnd(26)} p50 ${p.p50.toFixed(3)} ms  p95 ${p.p95.toFixed(3)} ms  p99 ${p.p99.toFixed(3)} ms`);
  }
  for (const [label, value, limit] of targets) console.log(`${value < limit ? 'MET    ' : 'NOT MET'} ${label}: ${value.toFixed(3)} ms`);
  for (const row of overhead)
    console.log(
      `${row.ratio <= 1.5 ? 'MET    ' : 'NOT MET'} ${row.operation} overhead ≤ 1.5× ${row.raw_operation}: ${row.ratio.toFixed(2)}×`,
    );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
