/**
 * Package-reality benchmark: verifies a generated 1,000-package package-lock.json (v3) against
 * local registry and OSV doubles on 127.0.0.1 that add 50 ms to every request, once with an empty
 * cache (cold) and once more with the same cache (warm). The cold wall time is set beside its
 * lower bound, requests × 50 ms ÷ concurrency. Writes metrics/performance/package_reality.csv.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageRealitySchema } from '../../src/config/package-reality-schema.ts';
import { createMemoryPackageCache } from '../../src/state/package-cache/create-memory-package-cache.ts';
import { createPackageClients } from '../../src/packages/create-package-clients.ts';
import { parseDependencyFile } from '../../src/packages/parsers/parse-dependency-file.ts';
import { verifyDependencies } from '../../src/packages/verify/verify-dependencies.ts';
import { timeMs } from './lib/percentiles.ts';
import { writeCsv } from './lib/write-csv.ts';

const PACKAGES = 1000;
const DELAY_MS = 50;
const CONCURRENCY = 16;
const VULNERABLE_EVERY = 100;
const OLD = '2020-01-01T00:00:00.000Z';
const name = (i: number) => `bench-dep-${String(i).padStart(4, '0')}`;

/** A double that answers after DELAY_MS and counts its requests. */
async function startDouble(
  answer: (method: string, url: string, body: string) => unknown,
): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      count += 1;
      setTimeout(() => {
        const json = answer(req.method ?? 'GET', decodeURIComponent(req.url ?? ''), body);
        res
          .writeHead(json === undefined ? 404 : 200, { 'content-type': 'application/json' })
          .end(JSON.stringify(json ?? { error: 'Not found' }));
      }, DELAY_MS);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function generateLockfile(): string {
  const packages: Record<string, unknown> = {
    '': {
      name: 'bench',
      version: '1.0.0',
      dependencies: Object.fromEntries(Array.from({ length: PACKAGES }, (_, i) => [name(i), `^1.${i % 10}.0`])),
    },
  };
  for (let i = 0; i < PACKAGES; i += 1) {
    packages[`node_modules/${name(i)}`] = {
      version: `1.${i % 10}.0`,
      resolved: `http://127.0.0.1/${name(i)}/-/${name(i)}-1.${i % 10}.0.tgz`,
      integrity: 'sha512-AAAA',
    };
  }
  return JSON.stringify({ name: 'bench', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2);
}

async function main(): Promise<void> {
  const registry = await startDouble((_, url) => {
    const pkg = url.slice(1);
    if (!pkg.startsWith('bench-dep-')) return undefined;
    const versions = Object.fromEntries(Array.from({ length: 10 }, (_, m) => [`1.${m}.0`, { name: pkg, version: `1.${m}.0` }]));
    return { name: pkg, modified: OLD, 'dist-tags': { latest: '1.9.0' }, versions };
  });
  const osv = await startDouble((method, url, body) => {
    if (method === 'POST' && url === '/v1/querybatch') {
      const queries = (JSON.parse(body) as { queries: Array<{ package: { name: string } }> }).queries;
      return {
        results: queries.map((q) =>
          Number(q.package.name.slice(-4)) % VULNERABLE_EVERY === 0
            ? { vulns: [{ id: `GHSA-bench-${q.package.name.slice(-4)}`, modified: OLD }] }
            : {},
        ),
      };
    }
    const id = /^\/v1\/vulns\/(.+)$/.exec(url)?.[1];
    return id === undefined ? undefined : { id, summary: 'benchmark advisory', database_specific: { severity: 'MODERATE' } };
  });

  const dir = mkdtempSync(path.join(tmpdir(), 'aos-bench-packages-'));
  const lockPath = path.join(dir, 'package-lock.json');
  writeFileSync(lockPath, generateLockfile());
  const parsed = parseDependencyFile(generateLockfile(), 'package-lock.json');
  const dependencies = (parsed?.dependencies ?? []).filter((d) => d.file === 'package-lock.json');
  if (dependencies.length !== PACKAGES)
    throw new Error(`expected ${PACKAGES} dependencies from the lockfile, parsed ${dependencies.length}`);

  const policy = packageRealitySchema.parse({ concurrency: CONCURRENCY });
  const cache = createMemoryPackageCache();
  const { clients } = createPackageClients({
    npmRegistries: { defaultRegistry: registry.url, scopes: {}, origin: 'bench' },
    osvUrl: osv.url,
    policy,
    cache,
  });
  const rows: Array<Record<string, string | number | boolean>> = [];
  const timestamp = new Date().toISOString();

  for (const scenario of ['cold', 'warm'] as const) {
    const before = registry.requests() + osv.requests();
    let summary = '';
    const wall = await timeMs(async () => {
      const report = await verifyDependencies({ dependencies, clients, policy });
      summary = `${report.summary.ok} ok, ${report.summary.warn} warn, ${report.summary.fail} fail, ${report.summary.unverifiable} unverifiable`;
    });
    const requests = registry.requests() + osv.requests() - before;
    const bound = (requests * DELAY_MS) / CONCURRENCY;
    const met = scenario === 'cold' ? wall <= 1.5 * bound && wall < 10_000 : wall < 1000;
    const target = scenario === 'cold' ? 'wall <= 1.5x lower bound and < 10000 ms' : 'wall < 1000 ms';
    rows.push({
      timestamp,
      scenario,
      packages: PACKAGES,
      requests,
      concurrency: CONCURRENCY,
      wall_ms: wall.toFixed(1),
      lower_bound_ms: bound.toFixed(1),
      ratio: bound > 0 ? (wall / bound).toFixed(3) : '',
      target,
      met,
    });
    console.log(
      `${scenario}: ${PACKAGES} packages, ${requests} requests, wall ${wall.toFixed(0)} ms, lower bound ${bound.toFixed(0)} ms${bound > 0 ? `, ratio ${(wall / bound).toFixed(2)}` : ''} (${summary})`,
    );
    console.log(`${met ? 'MET' : 'NOT MET'}: ${scenario} ${target}`);
  }

  const csv = path.resolve(import.meta.dirname, '../../metrics/performance/package_reality.csv');
  writeCsv(
    csv,
    ['timestamp', 'scenario', 'packages', 'requests', 'concurrency', 'wall_ms', 'lower_bound_ms', 'ratio', 'target', 'met'],
    rows,
  );
  console.log(`wrote ${path.relative(process.cwd(), csv)}`);
  await Promise.all([registry.close(), osv.close()]);
}

await main();
