import { packageRealitySchema, type PackageRealityPolicy } from '#src/config/package-reality-schema.ts';
import { createPackageClients } from '#src/packages/create-package-clients.ts';
import type { Dependency } from '#src/packages/types.ts';

export const NPM = 'http://registry.test';
export const PYPI = 'http://pypi.test';
export const OSV = 'http://osv.test';
export const NOW = Date.parse('2026-11-22T12:00:00Z');
export const OLD = '2020-01-01T00:00:00.000Z';

/** The shipped defaults, with overrides. */
export function policyWith(overrides: Record<string, unknown> = {}): PackageRealityPolicy {
  return packageRealitySchema.parse(overrides);
}

/** A dependency as a parser would report it. */
export function dep(partial: Partial<Dependency> & { name: string }): Dependency {
  return { version: '1.0.0', ecosystem: 'npm', source: 'registry', file: 'package-lock.json', line: 7, ...partial };
}

/** Clients against the made-up hosts, with a 1 ms backoff so retries do not slow the tests. */
export function testClients(options: { pypi?: boolean; osv?: boolean; policy?: PackageRealityPolicy } = {}) {
  return createPackageClients({
    npmRegistries: { defaultRegistry: NPM, scopes: {}, origin: 'test' },
    pypiUrl: options.pypi === false ? undefined : PYPI,
    osvUrl: options.osv === false ? undefined : OSV,
    policy: options.policy ?? policyWith(),
    baseDelayMs: 1,
  }).clients;
}

/** An abbreviated npm packument. */
export function packument(name: string, versions: Record<string, Record<string, unknown>>, latest = Object.keys(versions).at(-1) ?? '') {
  return {
    name,
    modified: OLD,
    'dist-tags': { latest },
    versions: Object.fromEntries(Object.entries(versions).map(([v, extra]) => [v, { name, version: v, ...extra }])),
  };
}

/** A PyPI project document with one file per release. */
export function pypiProject(name: string, releases: Record<string, { yanked?: boolean; reason?: string; uploaded?: string }>) {
  const versions = Object.keys(releases);
  return {
    info: { name, version: versions.at(-1) },
    releases: Object.fromEntries(
      Object.entries(releases).map(([v, r]) => [
        v,
        [{ upload_time_iso_8601: r.uploaded ?? OLD, yanked: r.yanked ?? false, yanked_reason: r.reason ?? null }],
      ]),
    ),
  };
}

/** An OSV querybatch answer: ids per query. */
export const osvAnswer = (...ids: string[][]) => ({
  results: ids.map((list) => (list.length === 0 ? {} : { vulns: list.map((id) => ({ id, modified: OLD })) })),
});
