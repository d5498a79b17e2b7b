import { describe, expect, it } from 'vitest';
import { cachedRegistryLookup } from '#src/packages/cache/cached-registry-lookup.ts';
import { createMemoryPackageCache } from '#src/state/package-cache/create-memory-package-cache.ts';

type Answer = { status: 'found'; version: string } | { status: 'not_found' };

describe('cachedRegistryLookup', () => {
  const ttl = { positiveSeconds: 3600, negativeSeconds: 300 };
  const classify = (value: Answer) => (value.status === 'found' ? 'positive' : 'negative');

  it('keeps the answer itself, for as long as classify says', async () => {
    let clock = 0;
    const cache = createMemoryPackageCache({ now: () => clock });
    let calls = 0;
    const load = async (): Promise<Answer> => ({ status: 'found', version: `v${(calls += 1)}` });
    expect(await cachedRegistryLookup({ cache, key: 'k', ttl, source: 'Reg', load, classify })).toEqual({ status: 'found', version: 'v1' });
    expect(await cache.get('k')).toBe(JSON.stringify({ status: 'found', version: 'v1' }));
    clock = 3_599_000;
    expect(await cachedRegistryLookup({ cache, key: 'k', ttl, source: 'Reg', load, classify })).toEqual({ status: 'found', version: 'v1' });
    clock = 3_601_000;
    expect(await cachedRegistryLookup({ cache, key: 'k', ttl, source: 'Reg', load, classify })).toEqual({ status: 'found', version: 'v2' });
  });

  it('answers unverifiable, naming the source, when the registry cannot be reached, and never caches that', async () => {
    const cache = createMemoryPackageCache({ now: () => 0 });
    const load = async (): Promise<Answer> => {
      throw new Error('http://reg.test answered 503 Service Unavailable (3 attempts)');
    };
    expect(await cachedRegistryLookup({ cache, key: 'k', ttl, source: 'Reg', load, classify })).toEqual({
      status: 'unverifiable',
      reason: 'Reg unreachable: http://reg.test answered 503 Service Unavailable (3 attempts)',
    });
    expect(await cache.get('k')).toBeUndefined();
    expect(
      await cachedRegistryLookup({
        cache,
        key: 'k',
        ttl,
        source: 'Reg',
        load: async (): Promise<Answer> => ({ status: 'not_found' }),
        classify,
      }),
    ).toEqual({ status: 'not_found' });
  });
});
