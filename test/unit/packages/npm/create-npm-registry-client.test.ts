import { describe, expect, it } from 'vitest';
import { createMemoryPackageCache } from '#src/state/package-cache/create-memory-package-cache.ts';
import { createHttpJsonClient } from '#src/packages/http/create-http-json-client.ts';
import { createNpmRegistryClient } from '#src/packages/npm/create-npm-registry-client.ts';
import { npmPackageUrl } from '#src/packages/npm/npm-package-url.ts';
import { nockNpmPackage, npmPackageRequest } from '../../../helpers/registry-nock.ts';
import { NPM, packument } from '../fixtures.ts';

describe('npm registry client', () => {
  it('builds packument URLs with scoped names encoded and registry paths kept', () => {
    expect(npmPackageUrl('https://npm.example/artifactory/api/npm/npm/', '@babel/core')).toBe(
      'https://npm.example/artifactory/api/npm/npm/@babel%2fcore',
    );
    expect(npmPackageUrl(NPM, 'lodash')).toBe(`${NPM}/lodash`);
  });

  it('sends scoped packages to their scope registry', async () => {
    const client = createNpmRegistryClient({
      registries: { defaultRegistry: NPM, scopes: { '@corp': 'http://corp.test/npm' }, origin: 'test' },
      http: createHttpJsonClient(),
    });
    nockNpmPackage('http://corp.test/npm', '@corp/ui', packument('@corp/ui', { '1.0.0': {} }));
    expect(await client.getPackage('@corp/ui')).toMatchObject({ status: 'found', info: { versions: { '1.0.0': {} } } });
  });

  it('caches "not found" for the negative TTL only, and never caches unreachable', async () => {
    let clock = 0;
    const cache = createMemoryPackageCache({ now: () => clock });
    const client = createNpmRegistryClient({
      registries: { defaultRegistry: NPM, scopes: {}, origin: 'test' },
      http: createHttpJsonClient({ baseDelayMs: 1, maxAttempts: 1 }),
      cache,
      ttl: { positiveSeconds: 3600, negativeSeconds: 300 },
    });
    npmPackageRequest(NPM, 'ghost').once().reply(404);
    expect((await client.getPackage('ghost')).status).toBe('not_found');
    clock = 299_000;
    expect((await client.getPackage('ghost')).status).toBe('not_found');
    clock = 301_000;
    npmPackageRequest(NPM, 'ghost').once().reply(503);
    expect((await client.getPackage('ghost')).status).toBe('unverifiable');
    npmPackageRequest(NPM, 'ghost')
      .once()
      .reply(200, packument('ghost', { '1.0.0': {} }));
    expect((await client.getPackage('ghost')).status).toBe('found');
  });

  it('reads install scripts from the full document when a registry ignores the Accept header', async () => {
    const client = createNpmRegistryClient({
      registries: { defaultRegistry: NPM, scopes: {}, origin: 'test' },
      http: createHttpJsonClient(),
    });
    nockNpmPackage(NPM, 'legacy', {
      name: 'legacy',
      'dist-tags': { latest: '1.0.0' },
      time: { created: '2019-05-01T00:00:00Z' },
      versions: { '1.0.0': { scripts: { postinstall: 'node x.js' } } },
    });
    expect(await client.getPackage('legacy')).toMatchObject({
      status: 'found',
      info: { created: '2019-05-01T00:00:00Z', versions: { '1.0.0': { hasInstallScript: true } } },
    });
  });
});
