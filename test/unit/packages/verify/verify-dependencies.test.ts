import { describe, expect, it } from 'vitest';
import { parsePackageJson } from '#src/packages/parsers/parse-package-json.ts';
import { renderTextSummary } from '#src/packages/report/render-text-summary.ts';
import { verifyDependencies } from '#src/packages/verify/verify-dependencies.ts';
import {
  nockNpmMissing,
  nockNpmPackage,
  nockOsvQuery,
  nockOsvVuln,
  nockPypiMissing,
  nockPypiProject,
  nockPypiRelease,
  npmPackageRequest,
  osvQueryRequest,
} from '../../../helpers/registry-nock.ts';
import { NOW, NPM, OSV, PYPI, dep, osvAnswer, packument, policyWith, pypiProject, testClients } from '../fixtures.ts';

const verify = (dependencies: Parameters<typeof verifyDependencies>[0]['dependencies'], clients = testClients(), policy = policyWith()) =>
  verifyDependencies({ dependencies, clients, policy, now: () => NOW });

describe('verifyDependencies', () => {
  it('fails a hallucinated npm package (404) and does not ask OSV about it', async () => {
    nockNpmMissing(NPM, 'reactjs-hooks-ultra');
    nockOsvQuery(OSV, osvAnswer([]));
    const report = await verify([dep({ name: 'reactjs-hooks-ultra', version: '2.1.0' })]);
    const [result] = report.results;
    expect(result?.verdict).toBe('fail');
    expect(result?.blocking).toBe(true);
    expect(result?.reasons).toEqual([`package does not exist in ${NPM}`]);
    expect(report.summary).toMatchObject({ total: 1, fail: 1, blocking: 1, passed: false });
  });

  it('fails a hallucinated PyPI project', async () => {
    nockPypiMissing(PYPI, 'fastapi-auth-magic');
    nockOsvQuery(OSV, osvAnswer([]));
    const report = await verify([
      dep({ name: 'fastapi-auth-magic', version: '0.3.1', ecosystem: 'pypi', file: 'requirements.txt', line: 3 }),
    ]);
    expect(report.results[0]).toMatchObject({ verdict: 'fail', reasons: [`package does not exist in ${PYPI}`] });
  });

  it('fails a real npm package at a version that was never published', async () => {
    nockNpmPackage(NPM, 'lodash', packument('lodash', { '4.17.20': {}, '4.17.21': {} }));
    nockOsvQuery(OSV, osvAnswer([]));
    const [result] = (await verify([dep({ name: 'lodash', version: '4.17.99' })])).results;
    expect(result).toMatchObject({ verdict: 'fail', reasons: ['version 4.17.99 does not exist (latest is 4.17.21)'] });
  });

  it('resolves a package.json range to its highest version and checks that version in OSV', async () => {
    nockNpmPackage(NPM, 'express', packument('express', { '4.18.2': {}, '4.21.2': {}, '5.0.0': {} }));
    nockOsvQuery(OSV, osvAnswer([]), { queries: [{ package: { name: 'express', ecosystem: 'npm' }, version: '4.21.2' }] });
    const [result] = (await verify([dep({ name: 'express', version: '^4.18.0', file: 'package.json' })])).results;
    expect(result).toMatchObject({ verdict: 'ok', checkedVersion: '4.21.2', reasons: [] });
  });

  it('fails a yanked PyPI release and gives the yank reason', async () => {
    nockPypiProject(
      PYPI,
      'requests',
      pypiProject('requests', { '2.32.0': { yanked: true, reason: 'conflicts with CVE fix' }, '2.32.3': {} }),
    );
    nockPypiRelease(PYPI, 'requests', '2.32.0', {
      info: { name: 'requests', version: '2.32.0', yanked: true, yanked_reason: 'conflicts with CVE fix' },
    });
    nockOsvQuery(OSV, osvAnswer([]));
    const [result] = (await verify([dep({ name: 'requests', version: '2.32.0', ecosystem: 'pypi', file: 'requirements.txt' })])).results;
    expect(result).toMatchObject({ verdict: 'fail', reasons: ['release 2.32.0 was yanked: conflicts with CVE fix'] });
  });

  it('fails a MAL- hit as malware, whatever its severity', async () => {
    nockNpmPackage(NPM, 'event-stream', packument('event-stream', { '3.3.6': {} }));
    nockOsvQuery(OSV, osvAnswer(['MAL-2024-1234']));
    nockOsvVuln(OSV, 'MAL-2024-1234', { id: 'MAL-2024-1234', summary: 'Malicious code in event-stream (npm)' });
    const [result] = (await verify([dep({ name: 'event-stream', version: '3.3.6' })])).results;
    expect(result).toMatchObject({
      verdict: 'fail',
      blocking: true,
      reasons: ['malware: MAL-2024-1234 (Malicious code in event-stream (npm))'],
    });
    expect(result?.advisories[0]).toMatchObject({ id: 'MAL-2024-1234', malware: true });
  });

  it('fails a critical and warns on a high vulnerability', async () => {
    nockNpmPackage(NPM, 'minimist', packument('minimist', { '1.2.5': {} }));
    nockOsvQuery(OSV, osvAnswer(['GHSA-crit', 'GHSA-high']));
    nockOsvVuln(OSV, 'GHSA-crit', { id: 'GHSA-crit', summary: 'Prototype Pollution', database_specific: { severity: 'CRITICAL' } });
    nockOsvVuln(OSV, 'GHSA-high', {
      id: 'GHSA-high',
      summary: 'ReDoS',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' }],
    });
    const [result] = (await verify([dep({ name: 'minimist', version: '1.2.5' })])).results;
    expect(result?.verdict).toBe('fail');
    expect(result?.findings.map((f) => [f.rule, f.outcome])).toEqual([
      ['critical_vulnerability', 'fail'],
      ['high_vulnerability', 'warn'],
    ]);
    expect(result?.reasons[1]).toBe('high vulnerability GHSA-high, CVSS 7.5: ReDoS');
  });

  it('warns on a typosquat of a popular name', async () => {
    nockNpmPackage(NPM, 'axois', packument('axois', { '1.0.0': {} }));
    nockOsvQuery(OSV, osvAnswer([]));
    const [result] = (await verify([dep({ name: 'axois', version: '1.0.0' })])).results;
    expect(result).toMatchObject({ verdict: 'warn', blocking: false, reasons: ['looks like axios'] });
  });

  it('reports a git dependency as unverifiable, without any request', async () => {
    const report = await verify([
      dep({ name: 'mylib', version: 'github:me/mylib', source: 'git', resolved: 'github:me/mylib', file: 'package.json', line: 9 }),
    ]);
    expect(report.results[0]).toMatchObject({
      verdict: 'unverifiable',
      blocking: false,
      reasons: ['not registry-verifiable: git dependency (github:me/mylib)'],
    });
    expect(report.summary).toMatchObject({ unverifiable: 1, passed: true });
  });

  it('retries a 503 and then succeeds', async () => {
    npmPackageRequest(NPM, 'chalk').times(2).reply(503);
    nockNpmPackage(NPM, 'chalk', packument('chalk', { '5.3.0': {} }));
    osvQueryRequest(OSV).reply(429, '', { 'retry-after': '0' });
    nockOsvQuery(OSV, osvAnswer([]));
    const [result] = (await verify([dep({ name: 'chalk', version: '5.3.0' })])).results;
    expect(result).toMatchObject({ verdict: 'ok', reasons: [] });
  });

  it('makes a dependency unverifiable, and blocking by default, when the registry stays at 503', async () => {
    npmPackageRequest(NPM, 'chalk').times(3).reply(503);
    nockOsvQuery(OSV, osvAnswer([]));
    const [result] = (await verify([dep({ name: 'chalk', version: '5.3.0' })])).results;
    expect(result).toMatchObject({
      verdict: 'unverifiable',
      blocking: true,
      reasons: [`npm registry unreachable: ${NPM} answered 503 Service Unavailable (3 attempts)`],
    });
  });

  it('makes a dependency unverifiable when the registry refuses connections, and warns only when the policy says so', async () => {
    npmPackageRequest(NPM, 'chalk').times(3).replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
    nockOsvQuery(OSV, osvAnswer([]));
    const policy = policyWith({ on_unverifiable: 'warn' });
    const [result] = (await verify([dep({ name: 'chalk', version: '5.3.0' })], testClients({ policy }), policy)).results;
    expect(result?.verdict).toBe('unverifiable');
    expect(result?.blocking).toBe(false);
    expect(result?.reasons[0]).toMatch(/^npm registry unreachable: http:\/\/registry\.test could not be reached \(.*\) \(3 attempts\)$/);
  });

  it('says why OSV and PyPI were not checked when their URLs are unset', async () => {
    nockNpmPackage(NPM, 'chalk', packument('chalk', { '5.3.0': {} }));
    const report = await verify(
      [dep({ name: 'chalk', version: '5.3.0' }), dep({ name: 'numpy', version: '2.0.0', ecosystem: 'pypi' })],
      testClients({ pypi: false, osv: false }),
    );
    expect(report.results.map((r) => r.reasons)).toEqual([
      ['vulnerabilities unverifiable: set AOS_OSV_URL'],
      ['unverifiable: set AOS_PYPI_URL', 'vulnerabilities unverifiable: set AOS_OSV_URL'],
    ]);
    expect(report.summary).toMatchObject({ unverifiable: 2, blocking: 2, passed: false });
  });

  it('looks a scoped package up with its slash encoded', async () => {
    npmPackageRequest(NPM, '@types/node')
      .matchHeader('accept', /application\/vnd\.npm\.install-v1\+json/)
      .reply(200, packument('@types/node', { '20.11.0': {} }));
    nockOsvQuery(OSV, osvAnswer([]));
    const [result] = (await verify([dep({ name: '@types/node', version: '20.11.0' })])).results;
    expect(result?.verdict).toBe('ok');
  });

  it('fetches the full document for a recently modified package, and warns when it is new', async () => {
    const abbreviated = { ...packument('fresh-pkg', { '0.0.1': { hasInstallScript: true } }), modified: '2026-11-20T00:00:00Z' };
    npmPackageRequest(NPM, 'fresh-pkg')
      .matchHeader('accept', /vnd\.npm\.install-v1/)
      .reply(200, abbreviated);
    npmPackageRequest(NPM, 'fresh-pkg')
      .matchHeader('accept', 'application/json')
      .reply(200, { name: 'fresh-pkg', time: { created: '2026-11-19T08:00:00.000Z', modified: '2026-11-20T00:00:00Z' } });
    nockOsvQuery(OSV, osvAnswer([]));
    const [result] = (await verify([dep({ name: 'fresh-pkg', version: '0.0.1' })])).results;
    expect(result).toMatchObject({
      verdict: 'warn',
      reasons: ['runs install scripts (preinstall/install/postinstall) on install', 'first published 3 days ago (2026-11-19)'],
    });
  });

  it('looks each package up once however often it is declared', async () => {
    npmPackageRequest(NPM, 'react')
      .once()
      .reply(200, packument('react', { '18.2.0': {}, '18.3.1': {} }));
    nockOsvQuery(OSV, osvAnswer([]));
    const report = await verify([
      dep({ name: 'react', version: '18.3.1' }),
      dep({ name: 'react', version: '^18.2.0', file: 'package.json', line: 5 }),
    ]);
    expect(report.results.map((r) => [r.verdict, r.dependency.file, r.checkedVersion])).toEqual([
      ['ok', 'package-lock.json', '18.3.1'],
      ['ok', 'package.json', '18.3.1'],
    ]);
  });
});

describe('verifyDependencies on ${VAR} placeholders', () => {
  it('reports a ${VAR} version as unverifiable, not as a literal version, without asking the registry', async () => {
    let asked = 0;
    npmPackageRequest(NPM, 'foo')
      .optionally()
      .reply(200, () => ((asked += 1), packument('foo', { '1.0.0': {} })));
    const { dependencies } = parsePackageJson('{\n  "dependencies": {\n    "foo": "${FOO_VERSION}"\n  }\n}\n', 'package.json');
    const [result] = (await verify(dependencies)).results;
    expect(result).toMatchObject({ verdict: 'unverifiable', blocking: true, dependency: { name: 'foo', line: 3 } });
    expect(result?.reasons[0]).toBe(
      'unverifiable: "${FOO_VERSION}" is a placeholder filled in at install time, so what it installs cannot be checked',
    );
    expect(result?.findings.some((finding) => finding.rule === 'nonexistent_version')).toBe(false);
    expect(asked).toBe(0);
  });
});

describe('verifyDependencies above max_dependencies', () => {
  it('checks none of them, asks no registry, says so and fails', async () => {
    const policy = policyWith({ max_dependencies: 2, on_unverifiable: 'warn' });
    const dependencies = [dep({ name: 'a' }), dep({ name: 'b' }), dep({ name: 'b', line: 9 }), dep({ name: 'c' })];
    const report = await verify(dependencies, testClients({ policy }), policy);
    expect(report.results).toEqual([]);
    expect(report.summary).toMatchObject({ total: 0, unchecked: 4, passed: false });
    expect(report.overLimit).toEqual({ distinct: 3, limit: 2 });
    const text = renderTextSummary(report);
    expect(text[0]).toMatch(/^package reality: FAIL/);
    expect(text).toContain(
      '  not checked: 3 distinct dependencies, above max_dependencies (2) in configs/package_reality.yaml: none was checked; raise the limit to check them',
    );
  });

  it('checks them all at the limit', async () => {
    nockNpmPackage(NPM, 'lodash', packument('lodash', { '1.0.0': {} }));
    nockNpmPackage(NPM, 'express', packument('express', { '1.0.0': {} }));
    nockOsvQuery(OSV, osvAnswer([], []));
    const policy = policyWith({ max_dependencies: 2 });
    const report = await verify(
      [dep({ name: 'lodash' }), dep({ name: 'express' }), dep({ name: 'express', line: 9 })],
      testClients({ policy }),
      policy,
    );
    expect(report.summary).toMatchObject({ total: 3, ok: 3, unchecked: 0, passed: true });
    expect(report.overLimit).toBeUndefined();
  });

  it('defaults to 5,000 and refuses a limit below 1', () => {
    expect(policyWith().max_dependencies).toBe(5000);
    expect(() => policyWith({ max_dependencies: 0 })).toThrow();
  });
});
