import { cachedLookup } from '../cache/cached-lookup.ts';
import { DEFAULT_CACHE_TTL, type CacheTtl, type PackageCache } from '../../state/package-cache/package-cache.ts';
import type { HttpJsonClient } from '../http/create-http-json-client.ts';
import { publicUrl } from '../http/public-url.ts';
import type { Ecosystem } from '../types.ts';
import type { Advisory, VulnerabilityLookup } from './advisory.ts';
import { readOsvSeverity } from './read-osv-severity.ts';

/** One package version to look up. */
export interface OsvQuery {
  ecosystem: Ecosystem;
  name: string;
  version: string;
}

/** Looks package versions up in OSV. */
export interface OsvClient {
  /** Advisories per query, keyed by `osvQueryKey`. */
  query(queries: OsvQuery[]): Promise<Map<string, VulnerabilityLookup>>;
}

/** Options of `createOsvClient`. */
export interface OsvClientOptions {
  /** OSV API base URL (AOS_OSV_URL); `/v1/querybatch` and `/v1/vulns/<id>` are appended. */
  baseUrl: string;
  http: HttpJsonClient;
  cache?: PackageCache;
  ttl?: CacheTtl;
  /** Queries per `querybatch` request; OSV accepts at most 1000. */
  batchSize?: number;
}

const OSV_ECOSYSTEM: Record<Ecosystem, string> = { npm: 'npm', pypi: 'PyPI' };

/** The key of a query in the result map. */
export const osvQueryKey = (query: OsvQuery): string => `${query.ecosystem}:${query.name}@${query.version}`;

/**
 * OSV client: `POST /v1/querybatch` in batches of at most 1000 (sent concurrently, within the
 * shared request limit), which returns ids only, then `GET /v1/vulns/<id>` once per distinct id
 * for summary and severity. Ids and records are cached; a batch that fails makes its queries
 * unverifiable, a record that fails leaves its advisory with severity unknown and `detailsError`.
 */
export function createOsvClient({ baseUrl, http, cache, ttl = DEFAULT_CACHE_TTL, batchSize = 1000 }: OsvClientOptions): OsvClient {
  const base = baseUrl.replace(/\/+$/, '');
  const shown = publicUrl(base);
  const size = Math.min(1000, Math.max(1, batchSize));

  const fetchAdvisory = (id: string): Promise<Advisory> =>
    cachedLookup<Advisory>(
      cache,
      `osv:vuln:${shown}:${id}`,
      ttl,
      async () => {
        const advisory: Advisory = { id, aliases: [], summary: '', severity: 'unknown', malware: id.startsWith('MAL-') };
        try {
          const response = await http.get(`${base}/v1/vulns/${encodeURIComponent(id)}`);
          if (response.status !== 200) return { ...advisory, detailsError: `OSV has no record ${id}` };
          const record = (response.body ?? {}) as { aliases?: string[]; summary?: string; details?: string };
          const aliases = Array.isArray(record.aliases) ? record.aliases.filter((a) => typeof a === 'string') : [];
          return {
            ...advisory,
            ...readOsvSeverity(record),
            aliases,
            summary: record.summary ?? record.details?.split('\n')[0] ?? '',
            malware: advisory.malware || aliases.some((a) => a.startsWith('MAL-')),
          };
        } catch (error) {
          return { ...advisory, detailsError: (error as Error).message };
        }
      },
      (value) => (value.detailsError === undefined ? 'positive' : 'uncacheable'),
    );

  const queryBatch = async (batch: OsvQuery[]): Promise<Array<string[] | { error: string }>> => {
    try {
      const body = {
        queries: batch.map((q) => ({ package: { name: q.name, ecosystem: OSV_ECOSYSTEM[q.ecosystem] }, version: q.version })),
      };
      const response = await http.post(`${base}/v1/querybatch`, body);
      const results = ((response.body ?? {}) as { results?: Array<{ vulns?: Array<{ id?: string }> }> }).results;
      if (response.status !== 200 || !Array.isArray(results) || results.length !== batch.length) {
        return batch.map(() => ({ error: `OSV querybatch at ${shown} gave an unusable answer` }));
      }
      return results.map((result) => (result.vulns ?? []).map((vuln) => vuln.id).filter((id): id is string => typeof id === 'string'));
    } catch (error) {
      return batch.map(() => ({ error: `OSV unreachable: ${(error as Error).message}` }));
    }
  };

  return {
    async query(queries) {
      const results = new Map<string, VulnerabilityLookup>();
      const ids = new Map<string, string[]>();
      const pending: OsvQuery[] = [];
      const seen = new Set<string>();
      for (const query of queries) {
        const key = osvQueryKey(query);
        if (seen.has(key)) continue;
        seen.add(key);
        const hit = await cache?.get(`osv:ids:${shown}:${key}`);
        if (hit === undefined) pending.push(query);
        else ids.set(key, JSON.parse(hit) as string[]);
      }
      const batches: OsvQuery[][] = [];
      for (let i = 0; i < pending.length; i += size) batches.push(pending.slice(i, i + size));
      const answers = await Promise.all(batches.map(queryBatch));
      for (const [b, batch] of batches.entries()) {
        for (const [i, query] of batch.entries()) {
          const answer = answers[b]?.[i] ?? { error: 'OSV gave no answer' };
          const key = osvQueryKey(query);
          if (!Array.isArray(answer)) {
            results.set(key, { status: 'unverifiable', reason: answer.error });
            continue;
          }
          ids.set(key, answer);
          await cache?.set(
            `osv:ids:${shown}:${key}`,
            JSON.stringify(answer),
            answer.length > 0 ? ttl.positiveSeconds : ttl.negativeSeconds,
          );
        }
      }
      const distinct = [...new Set([...ids.values()].flat())];
      const advisories = new Map((await Promise.all(distinct.map(fetchAdvisory))).map((a) => [a.id, a]));
      for (const [key, list] of ids) {
        results.set(key, {
          status: 'checked',
          advisories: list.map((id) => advisories.get(id)).filter((a): a is Advisory => a !== undefined),
        });
      }
      return results;
    },
  };
}
