import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createHttpJsonClient } from '#src/packages/http/create-http-json-client.ts';
import { PackageSourceError } from '#src/packages/http/package-source-error.ts';
import { NPM } from '../fixtures.ts';

describe('createHttpJsonClient', () => {
  it('honours Retry-After on 429 instead of its own backoff', async () => {
    const waits: number[] = [];
    const client = createHttpJsonClient({ baseDelayMs: 1, sleep: async (ms) => void waits.push(ms) });
    nock(NPM).get('/x').reply(429, '', { 'retry-after': '7' }).get('/x').reply(200, { ok: true });
    await expect(client.get(`${NPM}/x`)).resolves.toEqual({ status: 200, body: { ok: true } });
    expect(waits).toEqual([7000]);
  });

  it('caps a long Retry-After at a minute, and without one backs off with equal jitter', async () => {
    const waits: number[] = [];
    const client = createHttpJsonClient({ baseDelayMs: 100, maxAttempts: 4, random: () => 0, sleep: async (ms) => void waits.push(ms) });
    nock(NPM)
      .get('/z')
      .reply(503, '', { 'retry-after': '3600' })
      .get('/z')
      .reply(503)
      .get('/z')
      .reply(502)
      .get('/z')
      .reply(200, { ok: true });
    await expect(client.get(`${NPM}/z`)).resolves.toEqual({ status: 200, body: { ok: true } });
    expect(waits).toEqual([60_000, 100, 200]);
  });

  it('gives up after max attempts with an error that names the origin, not the credentials', async () => {
    const client = createHttpJsonClient({ baseDelayMs: 1, maxAttempts: 2 });
    nock('http://registry.test')
      .get('/y')
      .matchHeader('authorization', `Basic ${Buffer.from('user:secret').toString('base64')}`)
      .times(2)
      .reply(503);
    const error = await client.get('http://user:secret@registry.test/y').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackageSourceError);
    expect((error as Error).message).toBe('http://registry.test answered 503 Service Unavailable (2 attempts)');
  });

  it('does not retry a 403 and says so', async () => {
    nock(NPM).get('/private').once().reply(403);
    await expect(createHttpJsonClient({ baseDelayMs: 1 }).get(`${NPM}/private`)).rejects.toThrow(`${NPM} answered 403 Forbidden`);
  });

  it('times out a request that does not answer in time, and retries it', async () => {
    nock(NPM).get('/slow').delay(300).reply(200, {}).get('/slow').reply(200, { fast: true });
    await expect(createHttpJsonClient({ baseDelayMs: 1, timeoutMs: 100 }).get(`${NPM}/slow`)).resolves.toEqual({
      status: 200,
      body: { fast: true },
    });
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let active = 0;
    let peak = 0;
    const fakeFetch = (async () => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active -= 1;
      return new Response('{}', { status: 200 });
    }) as typeof fetch;
    const client = createHttpJsonClient({ fetch: fakeFetch, concurrency: 3 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => client.get(`${NPM}/${i}`)));
    expect(peak).toBe(3);
  });
});
