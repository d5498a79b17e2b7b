import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a link was refused. */
export type RunLinkRefusal = 'missing' | 'expired' | 'bad_signature';

/** The outcome of {@link verifyRunLink}; `expiresAt` lets derived links expire with this one. */
export type RunLinkVerdict = { ok: true; expiresAt: Date } | { ok: false; reason: RunLinkRefusal };

// The path and the expiry are joined by a character a URL path cannot hold unencoded, so no
// other (path, expiry) pair produces the same signed text.
const signature = (secret: string, path: string, expires: number): string =>
  createHmac('sha256', secret).update(`${path}\n${expires}`).digest('hex');

/**
 * Signs `path` (a URL path without query, e.g. `/aos/runs/<id>`) until `expiresAt` and returns
 * `path?expires=<unix seconds>&sig=<hex HMAC-SHA256 of path and expiry>`.
 */
export function signRunLink(options: { secret: string; path: string; expiresAt: Date }): string {
  const expires = Math.floor(options.expiresAt.getTime() / 1000);
  return `${options.path}?expires=${expires}&sig=${signature(options.secret, options.path, expires)}`;
}

/**
 * Checks a signed link (`url` is a request URL: path and query, or absolute). The signature is
 * checked before the expiry, in constant time, so an edited expiry is a bad signature.
 */
export function verifyRunLink(options: { secret: string; url: string; now: Date }): RunLinkVerdict {
  const url = new URL(options.url, 'http://aos.invalid');
  const expiresText = url.searchParams.get('expires');
  const given = url.searchParams.get('sig');
  if (!expiresText || !given) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(expiresText) || !/^[0-9a-f]{64}$/i.test(given)) return { ok: false, reason: 'bad_signature' };
  const expires = Number(expiresText);
  const expected = Buffer.from(signature(options.secret, url.pathname, expires), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return { ok: false, reason: 'bad_signature' };
  if (expires * 1000 <= options.now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, expiresAt: new Date(expires * 1000) };
}
