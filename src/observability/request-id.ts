import { randomUUID } from 'node:crypto';

// What a proxy may hand us: short and plain, so it can be logged and echoed without escaping.
const SANE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The header's value (the first, when sent twice) if it is 1 to 128 of `A-Z a-z 0-9 . _ : -`; otherwise undefined. */
export function saneId(header: string | string[] | undefined): string | undefined {
  const sent = Array.isArray(header) ? header[0] : header;
  return sent !== undefined && SANE_ID.test(sent) ? sent : undefined;
}

/**
 * The id of one HTTP request: the `X-Request-Id` a proxy in front sent when it is sane (see saneId), so
 * the proxy's logs and ours name the request alike; otherwise a new UUID.
 */
export function requestIdFrom(header: string | string[] | undefined): string {
  return saneId(header) ?? randomUUID();
}
