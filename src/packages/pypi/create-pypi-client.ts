import { cachedRegistryLookup, type UnverifiableLookup } from '../cache/cached-registry-lookup.ts';
import { DEFAULT_CACHE_TTL, type CacheTtl, type PackageCache } from '../../state/package-cache/package-cache.ts';
import type { HttpJsonClient } from '../http/create-http-json-client.ts';
import { publicUrl } from '../http/public-url.ts';
import { digestPypiProject, type PypiProjectLookup, type PypiReleaseLookup } from './pypi-project-info.ts';

/** Looks projects and releases up in PyPI's JSON API (or a mirror that serves it). */
export interface PypiClient {
  /** `GET <pypi>/pypi/<name>/json`: existence, releases, yanks, first upload. */
  getProject(name: string): Promise<PypiProjectLookup>;
  /** `GET <pypi>/pypi/<name>/<version>/json`: the release exists, and its yank status and reason. */
  getRelease(name: string, version: string): Promise<PypiReleaseLookup>;
}

/** Options of `createPypiClient`. */
export interface PypiClientOptions {
  /** Base URL (AOS_PYPI_URL), e.g. the index host; `/pypi/<name>/json` is appended. */
  baseUrl: string;
  http: HttpJsonClient;
  cache?: PackageCache;
  ttl?: CacheTtl;
}

/** PyPI JSON API client; "not found" answers are cached briefly, unreachable ones not at all. */
export function createPypiClient({ baseUrl, http, cache, ttl = DEFAULT_CACHE_TTL }: PypiClientOptions): PypiClient {
  const base = baseUrl.replace(/\/+$/, '');
  const shown = publicUrl(base);
  const classify = (value: { status: string }) => (value.status === 'found' ? 'positive' : 'negative');

  return {
    getProject: (name) =>
      cachedRegistryLookup({
        cache,
        key: `pypi:project:${shown}:${name}`,
        ttl,
        source: 'PyPI',
        load: async (): Promise<Exclude<PypiProjectLookup, UnverifiableLookup>> => {
          const response = await http.get(`${base}/pypi/${encodeURIComponent(name)}/json`);
          if (response.status === 404 || response.status === 410) return { status: 'not_found', index: shown };
          return { status: 'found', info: digestPypiProject(name, response.body) };
        },
        classify,
      }),
    getRelease: (name, version) =>
      cachedRegistryLookup({
        cache,
        key: `pypi:release:${shown}:${name}@${version}`,
        ttl,
        source: 'PyPI',
        load: async (): Promise<Exclude<PypiReleaseLookup, UnverifiableLookup>> => {
          const response = await http.get(`${base}/pypi/${encodeURIComponent(name)}/${encodeURIComponent(version)}/json`);
          if (response.status === 404 || response.status === 410) return { status: 'not_found' };
          const info = ((response.body ?? {}) as { info?: { yanked?: unknown; yanked_reason?: unknown } }).info ?? {};
          return {
            status: 'found',
            yanked: info.yanked === true,
            yankedReason: typeof info.yanked_reason === 'string' && info.yanked_reason !== '' ? info.yanked_reason : null,
          };
        },
        classify,
      }),
  };
}
