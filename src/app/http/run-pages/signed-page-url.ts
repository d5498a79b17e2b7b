import { signRunLink } from './sign-run-link.ts';

const DAY_MS = 86_400_000;

/** An absolute signed link to `path` on the server at `publicUrl`, valid for `ttlDays`. */
export function signedPageUrl(publicUrl: string, secret: string, path: string, ttlDays = 30, now: Date = new Date()): string {
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}${signRunLink({ secret, path, expiresAt: new Date(now.getTime() + ttlDays * DAY_MS) })}`;
}
