import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { assignRequestIds, type RequestIds } from '#src/app/http/assign-request-ids.ts';

describe('assignRequestIds', () => {
  let ids: RequestIds | undefined;
  let server: http.Server | undefined;
  afterEach(async () => {
    ids?.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  /** A server whose handler answers the way handlers of every kind do: writeHead with its own headers, or a bare 404. */
  async function serve(seen: Array<{ id: unknown; header: unknown; delivery: string | undefined }>) {
    server = http.createServer((req, res) => {
      const delivery = req.headers['x-github-delivery'] as string | undefined;
      seen.push({
        id: (req as { id?: unknown }).id,
        header: req.headers['x-request-id'],
        delivery: delivery && ids!.forDelivery(delivery),
      });
      if (req.url === '/missing') res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('sets X-Request-Id on every answer before the handler runs, keeping a sane one and the request sees the same id', async () => {
    ids = assignRequestIds();
    const seen: Array<{ id: unknown; header: unknown; delivery: string | undefined }> = [];
    const url = await serve(seen);
    const kept = await fetch(`${url}/`, { headers: { 'x-request-id': 'proxy-id-1' } });
    const replaced = await fetch(`${url}/missing`, { headers: { 'x-request-id': 'bad id with spaces' } });
    const fresh = await fetch(`${url}/`, { headers: { 'x-github-delivery': 'delivery-7' } });
    expect(kept.headers.get('x-request-id')).toBe('proxy-id-1');
    expect(replaced.status).toBe(404);
    const replacedId = replaced.headers.get('x-request-id');
    expect(replacedId).toMatch(/^[0-9a-f-]{36}$/);
    const freshId = fresh.headers.get('x-request-id');
    expect(freshId).toMatch(/^[0-9a-f-]{36}$/);
    expect(freshId).not.toBe(replacedId);
    expect(seen).toEqual([
      { id: 'proxy-id-1', header: 'proxy-id-1', delivery: undefined },
      { id: replacedId, header: replacedId, delivery: undefined },
      { id: freshId, header: freshId, delivery: freshId },
    ]);
    expect(ids.forDelivery('delivery-7')).toBe(freshId);
    expect(ids.forDelivery('never-seen')).toBeUndefined();
  });

  it('stops giving ids once stopped', async () => {
    ids = assignRequestIds();
    ids.stop();
    const url = await serve([]);
    expect((await fetch(url)).headers.get('x-request-id')).toBeNull();
  });
});
