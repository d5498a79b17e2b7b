import type { NpmRegistryConfig } from '../../config/resolve-npm-registry.ts';
import { cachedRegistryLookup, type UnverifiableLookup } from '../cache/cached-registry-lookup.ts';
import { DEFAULT_CACHE_TTL, type CacheTtl, type PackageCache } from '../../state/package-cache/package-cache.ts';
import type { HttpJsonClient } from '../http/create-http-json-client.ts';
import { publicUrl } from '../http/public-url.ts';
import { digestPackument, type NpmCreatedLookup, type NpmPackageLookup } from './npm-package-info.ts';
import { npmPackageUrl } from './npm-package-url.ts';

/** Looks packages up in the npm registry the user's npm would use. */
export interface NpmRegistryClient {
  /** The abbreviated packument, digested: versions, dist-tags, deprecations, install scripts, `modified`. */
  getPackage(name: string): Promise<NpmPackageLookup>;
  /** `time.created` from the full packument; fetched only when the package may be new. */
  getCreated(name: string): Promise<NpmCreatedLookup>;
  /** The registry a name is looked up in (scoped registries honoured), null when none is configured. */
  registryFor(name: string): string | null;
}

/** Options of `createNpmRegistryClient`. */
export interface NpmRegistryClientOptions {
  registries: NpmRegistryConfig;
  http: HttpJsonClient;
  cache?: PackageCache;
  ttl?: CacheTtl;
}

const ABBREVIATED = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';

/**
 * npm registry client. Abbreviated metadata (what `npm install` uses) answers everything but the
 * first-publish date, which only the full document's `time` has; the full document can be many
 * megabytes, so callers ask for it only when `modified` is recent enough that the package could be new.
 */
export function createNpmRegistryClient({ registries, http, cache, ttl = DEFAULT_CACHE_TTL }: NpmRegistryClientOptions): NpmRegistryClient {
  const registryFor = (name: string): string | null => {
    const scope = name.startsWith('@') ? name.split('/')[0] : undefined;
    return (scope === undefined ? undefined : registries.scopes[scope]) ?? registries.defaultRegistry;
  };
  const notConfigured = { status: 'unverifiable', reason: 'npm registry unknown: set AOS_NPM_REGISTRY or configure npm' } as const;

  /** One cached document of `name` from its registry: `npm:<document>:<registry>:<name>`. */
  const lookup = async <T extends { status: 'found' | 'not_found' }>(
    name: string,
    document: string,
    load: (registry: string) => Promise<T>,
    classify: (value: T) => 'positive' | 'negative' | 'uncacheable',
  ): Promise<T | UnverifiableLookup> => {
    const registry = registryFor(name);
    if (registry === null) return notConfigured;
    return cachedRegistryLookup({
      cache,
      key: `npm:${document}:${publicUrl(registry)}:${name}`,
      ttl,
      source: 'npm registry',
      load: () => load(registry),
      classify,
    });
  };

  return {
    registryFor,
    getPackage: (name) =>
      lookup(
        name,
        'abbr',
        async (registry): Promise<Exclude<NpmPackageLookup, UnverifiableLookup>> => {
          const response = await http.get(npmPackageUrl(registry, name), { accept: ABBREVIATED });
          if (response.status === 404 || response.status === 410) return { status: 'not_found', registry: publicUrl(registry) };
          return { status: 'found', info: digestPackument(name, response.body) };
        },
        (value) => (value.status === 'found' ? 'positive' : 'negative'),
      ),
    getCreated: (name) =>
      lookup(
        name,
        'created',
        async (registry): Promise<Exclude<NpmCreatedLookup, UnverifiableLookup>> => {
          const response = await http.get(npmPackageUrl(registry, name));
          return { status: 'found', created: digestPackument(name, response.body).created ?? null };
        },
        (value) => (value.status === 'found' && value.created !== null ? 'positive' : 'uncacheable'),
      ),
  };
}
