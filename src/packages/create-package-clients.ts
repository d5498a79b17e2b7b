import type { PackageRealityPolicy } from '../config/package-reality-schema.ts';
import type { NpmRegistryConfig } from '../config/resolve-npm-registry.ts';
import { createMemoryPackageCache } from '../state/package-cache/create-memory-package-cache.ts';
import type { PackageCache } from '../state/package-cache/package-cache.ts';
import { createHttpJsonClient } from './http/create-http-json-client.ts';
import { publicUrl as shown } from './http/public-url.ts';
import { createNpmRegistryClient } from './npm/create-npm-registry-client.ts';
import { createOsvClient } from './osv/create-osv-client.ts';
import { createPypiClient } from './pypi/create-pypi-client.ts';
import type { ReportContext } from './report/report-context.ts';
import type { PackageClients } from './verify/package-clients.ts';

/** Inputs of `createPackageClients`: resolved registry settings, the policy, and optional plumbing. */
export interface CreatePackageClientsOptions {
  npmRegistries: NpmRegistryConfig;
  /** AOS_PYPI_URL; undefined leaves PyPI checks unverifiable. */
  pypiUrl?: string | undefined;
  /** AOS_OSV_URL; undefined leaves vulnerability checks unverifiable. */
  osvUrl?: string | undefined;
  policy: PackageRealityPolicy;
  /** Default: a fresh in-memory cache. */
  cache?: PackageCache;
  fetch?: typeof fetch;
  /** Base of the retry backoff (tests shorten it). */
  baseDelayMs?: number;
}

/**
 * Builds the npm, PyPI and OSV clients on one HTTP client, so the policy's concurrency bounds all
 * requests together, and says for the report where each source is or why it is missing.
 */
export function createPackageClients(options: CreatePackageClientsOptions): { clients: PackageClients; sources: ReportContext['sources'] } {
  const { policy, npmRegistries } = options;
  const http = createHttpJsonClient({
    concurrency: policy.concurrency,
    timeoutMs: policy.request_timeout_ms,
    maxAttempts: policy.max_attempts,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.baseDelayMs === undefined ? {} : { baseDelayMs: options.baseDelayMs }),
  });
  const cache = options.cache ?? createMemoryPackageCache();
  const ttl = { positiveSeconds: policy.cache.positive_ttl_seconds, negativeSeconds: policy.cache.negative_ttl_seconds };
  const clients: PackageClients = { npm: createNpmRegistryClient({ registries: npmRegistries, http, cache, ttl }) };
  if (options.pypiUrl) clients.pypi = createPypiClient({ baseUrl: options.pypiUrl, http, cache, ttl });
  if (options.osvUrl) clients.osv = createOsvClient({ baseUrl: options.osvUrl, http, cache, ttl });
  const scopes = Object.entries(npmRegistries.scopes).map(([scope, url]) => `${scope} → ${shown(url)}`);
  return {
    clients,
    sources: {
      npm:
        npmRegistries.defaultRegistry === null
          ? 'unknown: set AOS_NPM_REGISTRY or configure npm'
          : `${shown(npmRegistries.defaultRegistry)} (from ${npmRegistries.origin})${scopes.length > 0 ? `; ${scopes.join(', ')}` : ''}`,
      pypi: options.pypiUrl ? shown(options.pypiUrl) : 'not configured: PyPI dependencies unverifiable: set AOS_PYPI_URL',
      osv: options.osvUrl ? shown(options.osvUrl) : 'not configured: vulnerabilities unverifiable: set AOS_OSV_URL',
    },
  };
}
