import type { ServerResponse } from 'node:http';

// The pages are reached through secret links: never cached, never sent on as a referrer, never
// framed, and nothing but their own inline style and SVG is allowed to load.
const PAGE_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'noindex',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

/** Writes a complete answer with the run pages' protective headers. */
export function sendResponse(res: ServerResponse, status: number, kind: 'html' | 'json', body: string): void {
  res
    .writeHead(status, {
      ...PAGE_HEADERS,
      'content-type': kind === 'html' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
    })
    .end(body);
}
