import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createMemoryPackageCache } from '#src/state/package-cache/create-memory-package-cache.ts';
import { createHttpJsonClient } from '#src/packages/http/create-http-json-client.ts';
import { createOsvClient, osvQueryKey, type OsvQuery } from '#src/packages/osv/create-osv-client.ts';
import { nockOsvQuery, nockOsvVuln, osvQueryRequest, osvVulnRequest } from '../../../helpers/registry-nock.ts';
import { OSV, osvAnswer } from '../fixtures.ts';

const http = () => createHttpJsonClient({ baseDelayMs: 1 });

describe('createOsvClient', () => {
  it('splits 1500 queries into batches of 1000 and 500 and keeps each answer with its query', async () => {
    const queries: OsvQuery[] = Array.from({ length: 1500 }, (_, i) => ({
      ecosystem: i % 2 ? 'pypi' : 'npm',
      name: `pkg-${i}`,
      version: '1.0.0',
    }));
    const sizes: number[] = [];
    const reply = (_uri: string, body: nock.Body) => {
      const batch = (body as { queries: Array<{ package: { name: string; ecosystem: string } }> }).queries;
      sizes.push(batch.length);
      expect(batch[1]?.package.ecosystem).toBe('PyPI');
      return osvAnswer(...batch.map((q) => (q.package.name === 'pkg-1234' ? ['GHSA-x'] : [])));
    };
    osvQueryRequest(OSV).times(2).reply(200, reply);
    nockOsvVuln(OSV, 'GHSA-x', { id: 'GHSA-x', summary: 'bad', database_specific: { severity: 'MODERATE' } });
    const results = await createOsvClient({ baseUrl: OSV, http: http() }).query(queries);
    expect(sizes.sort()).toEqual([1000, 500].sort());
    expect(results.size).toBe(1500);
    expect(results.get(osvQueryKey({ ecosystem: 'npm', name: 'pkg-1234', version: '1.0.0' }))).toEqual({
      status: 'checked',
      advisories: [{ id: 'GHSA-x', aliases: [], summary: 'bad', severity: 'moderate', malware: false }],
    });
    expect(results.get(osvQueryKey({ ecosystem: 'pypi', name: 'pkg-1', version: '1.0.0' }))).toEqual({ status: 'checked', advisories: [] });
  });

  it('answers from the cache the second time, without any request', async () => {
    const cache = createMemoryPackageCache();
    const client = createOsvClient({ baseUrl: OSV, http: http(), cache });
    const query: OsvQuery = { ecosystem: 'npm', name: 'lodash', version: '4.17.20' };
    osvQueryRequest(OSV)
      .once()
      .reply(200, osvAnswer(['GHSA-p6mc']));
    osvVulnRequest(OSV, 'GHSA-p6mc')
      .once()
      .reply(200, {
        id: 'GHSA-p6mc',
        aliases: ['CVE-2021-23337'],
        severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' }],
      });
    const first = await client.query([query]);
    const second = await client.query([query]);
    expect(second).toEqual(first);
    expect(first.get(osvQueryKey(query))).toMatchObject({ status: 'checked', advisories: [{ severity: 'high', score: 7.2 }] });
  });

  it('makes every query of a failed batch unverifiable, naming the cause', async () => {
    osvQueryRequest(OSV).times(3).reply(500);
    const results = await createOsvClient({ baseUrl: OSV, http: http() }).query([{ ecosystem: 'npm', name: 'a', version: '1.0.0' }]);
    expect([...results.values()]).toEqual([
      { status: 'unverifiable', reason: `OSV unreachable: ${OSV} answered 500 Internal Server Error (3 attempts)` },
    ]);
  });

  it('marks an advisory whose record cannot be fetched as of unknown severity, and malware by its id alone', async () => {
    nockOsvQuery(OSV, osvAnswer(['MAL-2025-1', 'GHSA-y']));
    osvVulnRequest(OSV, 'MAL-2025-1').times(3).reply(502);
    osvVulnRequest(OSV, 'GHSA-y').reply(404);
    const [result] = [
      ...(await createOsvClient({ baseUrl: OSV, http: http() }).query([{ ecosystem: 'npm', name: 'a', version: '1.0.0' }])).values(),
    ];
    expect(result).toMatchObject({
      status: 'checked',
      advisories: [
        { id: 'MAL-2025-1', malware: true, severity: 'unknown', detailsError: `${OSV} answered 502 Bad Gateway (3 attempts)` },
        { id: 'GHSA-y', malware: false, severity: 'unknown', detailsError: 'OSV has no record GHSA-y' },
      ],
    });
  });
});
