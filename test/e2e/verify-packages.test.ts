import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const AOS = path.resolve(import.meta.dirname, '../../bin/aos.mjs');
const OLD = '2020-01-01T00:00:00.000Z';

/** What the registry double knows: name → versions. Anything else is 404. */
const PACKAGES: Record<string, string[]> = { lodash: ['4.17.20', '4.17.21'], express: ['4.21.2'], 'event-stream': ['3.3.6'] };

let server: http.Server;
let baseUrl = '';
const requests: string[] = [];

function answer(req: http.IncomingMessage, body: string): { status: number; json: unknown } {
  const url = decodeURIComponent(req.url ?? '');
  if (req.method === 'POST' && url === '/osv/v1/querybatch') {
    const queries = (JSON.parse(body) as { queries: Array<{ package: { name: string } }> }).queries;
    return {
      status: 200,
      json: { results: queries.map((q) => (q.package.name === 'event-stream' ? { vulns: [{ id: 'MAL-2018-1', modified: OLD }] } : {})) },
    };
  }
  if (url === '/osv/v1/vulns/MAL-2018-1') return { status: 200, json: { id: 'MAL-2018-1', summary: 'Malicious code in event-stream' } };
  const name = url.replace(/^\/npm\//, '');
  const versions = PACKAGES[name];
  if (!versions) return { status: 404, json: { error: 'Not found' } };
  return {
    status: 200,
    json: {
      name,
      modified: OLD,
      'dist-tags': { latest: versions.at(-1) },
      versions: Object.fromEntries(versions.map((v) => [v, { name, version: v }])),
    },
  };
}

function run(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, AOS_NPM_REGISTRY: `${baseUrl}/npm`, AOS_OSV_URL: `${baseUrl}/osv`, AOS_CONFIG_DIR: cwd };
  delete env.AOS_PYPI_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, [AOS, 'verify-packages', ...args], { cwd, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const git = (cwd: string, ...args: string[]) =>
  new Promise<void>((resolve, reject) => execFile('git', args, { cwd }, (error) => (error ? reject(error) : resolve())));

function lockfile(deps: Record<string, string>): string {
  const packages: Record<string, unknown> = {
    '': { name: 'demo', version: '1.0.0', dependencies: Object.fromEntries(Object.keys(deps).map((n) => [n, `^${deps[n]}`])) },
  };
  for (const [name, version] of Object.entries(deps))
    packages[`node_modules/${name}`] = { version, resolved: `${baseUrl}/npm/${name}/-/${name}-${version}.tgz`, integrity: 'sha512-AAAA' };
  return `${JSON.stringify({ name: 'demo', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

function writeProject(dir: string, deps: Record<string, string>): void {
  writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: 'demo', version: '1.0.0', dependencies: Object.fromEntries(Object.entries(deps).map(([n, v]) => [n, `^${v}`])) }, null, 2)}\n`,
  );
  writeFileSync(path.join(dir, 'package-lock.json'), lockfile(deps));
}

let repo = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push(`${req.method} ${decodeURIComponent(req.url ?? '')}`);
      const { status, json } = answer(req, body);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(async () => {
  requests.length = 0;
  repo = mkdtempSync(path.join(tmpdir(), 'aos-verify-'));
  await git(repo, 'init', '-q', '-b', 'main');
  await git(repo, 'config', 'user.email', 'test@example.invalid');
  await git(repo, 'config', 'user.name', 'test');
  writeProject(repo, { lodash: '4.17.21' });
  await git(repo, 'add', '.');
  await git(repo, 'commit', '-q', '-m', 'base');
});

describe('aos verify-packages', () => {
  it('exits 0 for real dependencies, prints a summary and writes no file without --report', async () => {
    const before = readdirSync(repo).sort();
    const result = await run(repo, []);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('package reality: PASS: 2 dependencies: 2 ok');
    expect(result.stdout).not.toContain('report:');
    expect(result.stderr).toContain('verify-packages: checking 2 dependencies');
    expect(readdirSync(repo).sort()).toEqual(before);
  });

  it('writes the Markdown report to the --report path', async () => {
    const result = await run(repo, ['--report', 'reports/pkg.md']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('report: reports/pkg.md');
    const report = readFileSync(path.join(repo, 'reports/pkg.md'), 'utf8');
    for (const heading of ['## Verification Summary', '## Node dependencies', '## Python dependencies', '## Vulnerability Scan Results'])
      expect(report).toContain(heading);
    expect(report).toMatch(/Execution time: \d+\.\d\d s/);
    expect(report).toContain('`lodash@4.17.21` `package-lock.json:');
  });

  it('exits 1 for a hallucinated package and for malware, naming file and line', async () => {
    writeProject(repo, { lodash: '4.17.21', 'lodash-utils-pro': '2.0.0', 'event-stream': '3.3.6' });
    const result = await run(repo, ['package-lock.json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /fail\s+lodash-utils-pro@2\.0\.0\s+package-lock\.json:\d+\s+package does not exist in http:\/\/127\.0\.0\.1:\d+\/npm/,
    );
    expect(result.stdout).toMatch(/fail\s+event-stream@3\.3\.6\s+package-lock\.json:\d+\s+malware: MAL-2018-1/);
  });

  it('with --base checks only the added dependency, and --format json prints parseable JSON', async () => {
    writeProject(repo, { lodash: '4.17.21', express: '4.21.2' });
    const result = await run(repo, ['--base', 'HEAD', '--format', 'json', '--report', 'report.json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { scope: string; results: Array<{ name: string; where: string; verdict: string }> };
    expect(report.scope).toBe('changes since HEAD');
    expect(report.results.map((r) => `${r.name} ${r.verdict}`)).toEqual(['express ok', 'express ok']);
    expect(report.results.every((r) => /^package(-lock)?\.json:\d+$/.test(r.where))).toBe(true);
    expect(requests.filter((r) => r.startsWith('GET /npm/'))).toEqual(['GET /npm/express']);
    expect(JSON.parse(readFileSync(path.join(repo, 'report.json'), 'utf8'))).toEqual(report);
  });

  it('treats a file absent at the base ref as all added', async () => {
    writeFileSync(path.join(repo, 'requirements.txt'), 'requests==2.32.3\n');
    const result = await run(repo, ['--base', 'HEAD', '--report', 'out/report.md']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  1 dependency: unverifiable: set AOS_PYPI_URL');
    expect(result.stdout).toContain('package reality: FAIL: 1 dependencies:');
    expect(readFileSync(path.join(repo, 'out/report.md'), 'utf8')).toContain(
      '| ❔ unverifiable (blocking) | `requests` | 2.32.3 | `requirements.txt:1` | unverifiable: set AOS_PYPI_URL |',
    );
  });

  it('exits 2 on a lockfile it cannot read, printing each problem with file and line', async () => {
    writeFileSync(
      path.join(repo, 'package-lock.json'),
      '{\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/lodash": { "version": 1 }\n  }\n}\n',
    );
    const result = await run(repo, ['--report', 'report.md']);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^package reality: FAIL: .*, 1 file problem in /m);
    expect(result.stdout).toMatch(/problem\s+package-lock\.json:4\s+node_modules\/lodash: "version" must be a string/);
    expect(result.stderr).toContain('verify-packages: 1 dependency file problem: aos could not read every file, so the check fails');
    expect(readFileSync(path.join(repo, 'report.md'), 'utf8')).toContain(
      '- `package-lock.json:4` node_modules/lodash: "version" must be a string',
    );
  });

  it.each([
    [['missing.lock.json'], 'no such file: missing.lock.json'],
    [['--format', 'xml'], '--format must be md or json, not "xml"'],
    [['--base', 'no-such-ref'], 'unknown git ref "no-such-ref"'],
  ])('exits 2 for bad input %j', async (args, message) => {
    const result = await run(repo, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('exits 2 for --base outside a git repository', async () => {
    const plain = mkdtempSync(path.join(tmpdir(), 'aos-plain-'));
    writeProject(plain, { lodash: '4.17.21' });
    const result = await run(plain, ['package.json', '--base', 'HEAD']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--base needs a git repository');
  });
});
