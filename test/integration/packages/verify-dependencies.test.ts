import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPackageRealityPolicy } from '#src/config/load-package-reality-policy.ts';
import { createPackageClients } from '#src/packages/create-package-clients.ts';
import { parsePackageLock } from '#src/packages/parsers/parse-package-lock.ts';
import { verifyDependencies } from '#src/packages/verify/verify-dependencies.ts';
import { startRegistryDouble, type RegistryDouble } from '../../helpers/registry-double.ts';

const OLD = '2019-01-01T00:00:00.000Z';
/** What the registry double knows (name → versions); OSV knows one malware advisory. */
const REGISTRY: Record<string, string[]> = { 'left-pad': ['1.3.0'], lodash: ['4.17.21'], 'evil-pkg': ['1.0.0'] };

describe('verifyDependencies over HTTP against registry and OSV doubles on loopback', () => {
  let registry: RegistryDouble;
  let base = '';
  beforeAll(async () => {
    registry = await startRegistryDouble({
      npm: REGISTRY,
      modified: OLD,
      advisories: {
        'evil-pkg': {
          id: 'MAL-2026-1',
          summary: 'Malicious code in evil-pkg',
          affected: [{ package: { name: 'evil-pkg', ecosystem: 'npm' } }],
        },
      },
    });
    base = registry.url;
  });
  afterAll(() => registry.close());

  it('passes real packages and fails a missing version, a hallucinated name and malware, each at its lockfile line', async () => {
    const lock = {
      name: 'demo',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': {
          name: 'demo',
          dependencies: { 'left-pad': '^1.3.0', lodash: '4.17.99', 'reqeusts-ai-helper': '^1.0.0', 'evil-pkg': '1.0.0' },
        },
        'node_modules/left-pad': { version: '1.3.0', resolved: `${base}/npm/left-pad/-/left-pad-1.3.0.tgz` },
        'node_modules/lodash': { version: '4.17.99', resolved: `${base}/npm/lodash/-/lodash-4.17.99.tgz` },
        'node_modules/reqeusts-ai-helper': { version: '1.0.0', resolved: `${base}/npm/reqeusts-ai-helper/-/reqeusts-ai-helper-1.0.0.tgz` },
        'node_modules/evil-pkg': { version: '1.0.0', resolved: `${base}/npm/evil-pkg/-/evil-pkg-1.0.0.tgz` },
      },
    };
    const text = `${JSON.stringify(lock, null, 2)}\n`;
    const parsed = parsePackageLock(text, 'package-lock.json');
    const policy = { ...loadPackageRealityPolicy(process.cwd()), max_attempts: 1 };
    const { clients } = createPackageClients({
      npmRegistries: { defaultRegistry: `${base}/npm`, scopes: {}, origin: 'AOS_NPM_REGISTRY' },
      osvUrl: `${base}/osv`,
      policy,
      baseDelayMs: 1,
    });
    const report = await verifyDependencies({ dependencies: parsed.dependencies, clients, policy });
    const byName = new Map(report.results.map((result) => [result.dependency.name, result]));
    const lineOf = (key: string) => text.split('\n').findIndex((line) => line.includes(`"node_modules/${key}"`)) + 1;
    expect(byName.get('left-pad')).toMatchObject({ verdict: 'ok' });
    expect(byName.get('lodash')).toMatchObject({ verdict: 'fail', dependency: { line: lineOf('lodash') } });
    expect(byName.get('lodash')!.reasons.join(' ')).toMatch(/version 4\.17\.99/);
    expect(byName.get('reqeusts-ai-helper')).toMatchObject({ verdict: 'fail', dependency: { line: lineOf('reqeusts-ai-helper') } });
    expect(byName.get('evil-pkg')).toMatchObject({ verdict: 'fail' });
    expect(byName.get('evil-pkg')!.reasons.join(' ')).toMatch(/MAL-2026-1|malware/i);
    expect(registry.requests.filter((request) => request.startsWith('GET /npm/left-pad'))).toHaveLength(1);
  });
});
