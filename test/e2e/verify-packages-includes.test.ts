import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const AOS = path.resolve(import.meta.dirname, '../../bin/aos.mjs');

let server: http.Server;
let baseUrl = '';
const requests: string[] = [];

beforeAll(async () => {
  // A PyPI and OSV double that knows one project; it records every request it is sent.
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const url = decodeURIComponent(req.url ?? '');
      requests.push(`${req.method} ${url} ${body}`);
      const reply = (status: number, json: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      if (url === '/osv/v1/querybatch')
        return reply(200, { results: (JSON.parse(body) as { queries: unknown[] }).queries.map(() => ({})) });
      if (url === '/pypi/flask/json')
        return reply(200, { info: { version: '3.0.0' }, releases: { '3.0.0': [{ upload_time_iso_8601: '2020-01-01T00:00:00Z' }] } });
      if (url === '/pypi/flask/3.0.0/json') return reply(200, { info: { yanked: false } });
      return reply(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function run(cwd: string): Promise<{ stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AOS_PYPI_URL: `${baseUrl}/pypi`,
    AOS_OSV_URL: `${baseUrl}/osv`,
    AOS_NPM_REGISTRY: `${baseUrl}/npm`,
    AOS_CONFIG_DIR: cwd,
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [AOS, 'verify-packages', 'requirements.txt', '--format', 'json'], { cwd, env }, (_error, stdout, stderr) =>
      resolve({ stdout, stderr }),
    );
  });
}

describe('aos verify-packages and requirements includes', () => {
  it('neither reads nor queries an include outside the repository, by path or through a symbolic link', async () => {
    const scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'aos-includes-')));
    try {
      const repo = path.join(scratch, 'repo');
      mkdirSync(path.join(repo, 'reqs'), { recursive: true });
      writeFileSync(path.join(scratch, 'outside.txt'), 'outside-secret-package==1.0\n');
      symlinkSync(path.join(scratch, 'outside.txt'), path.join(repo, 'reqs/linked.txt'));
      const climb = '../'.repeat(12);
      writeFileSync(path.join(repo, 'requirements.txt'), `flask==3.0.0\n-r ${climb}etc/passwd\n-r ../outside.txt\n-r reqs/linked.txt\n`);

      const { stdout } = await run(repo);
      const report = JSON.parse(stdout) as {
        problems: Array<{ file: string; line: number; message: string }>;
        results: Array<{ name: string }>;
      };

      expect(report.results.map((result) => result.name)).toEqual(['flask']);
      expect(report.problems).toEqual([
        { file: 'requirements.txt', line: 2, message: `include outside the repository: ${climb}etc/passwd (not read)` },
        { file: 'requirements.txt', line: 3, message: 'include outside the repository: ../outside.txt (not read)' },
        {
          file: 'requirements.txt',
          line: 4,
          message: 'include reqs/linked.txt: outside the repository through a symbolic link (not read)',
        },
      ]);
      expect(requests.length).toBeGreaterThan(0);
      for (const request of requests) expect(request).not.toMatch(/outside-secret-package|root|passwd/);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
