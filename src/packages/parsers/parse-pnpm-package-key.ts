import { valid } from 'semver';

/** A name at the end of key segments: `name` or `@scope/name`; what comes before is a registry host. */
function nameAtEnd(segments: readonly string[]): string | undefined {
  const last = segments.at(-1);
  const before = segments.at(-2);
  if (last === undefined || last === '' || last.startsWith('@')) return undefined;
  return before?.startsWith('@') === true && before.length > 1 ? `${before}/${last}` : last;
}

/** A version written in a key: a semver version, or a reference (URL, path) for non-registry packages, as ''. */
function keyVersion(written: string): string | undefined {
  if (valid(written) !== null) return written;
  return /[:/]/.test(written) ? '' : undefined;
}

/**
 * The name and version encoded in a pnpm `packages:` key, peer suffixes dropped: lockfile v5
 * `/name/1.2.3_peer@1.0.0`, v6 `/@scope/name@1.2.3(peer@1.0.0)`, v9 `name@1.2.3`, each possibly
 * after the host of the registry it came from (`/registry.example/foo/1.1.0`,
 * `registry.example/@scope/foo@1.1.0`). Keys of non-registry packages (`github.com/…`, `file:…`,
 * `name@https://…`) yield an empty version; undefined when the key reads as no name and version,
 * such as `/foo/bar`.
 */
export function parsePnpmPackageKey(key: string, lockfileMajor: number): { name: string; version: string } | undefined {
  const path = key.startsWith('/') ? key.slice(1) : key;
  if (lockfileMajor < 6) {
    if (!key.startsWith('/')) return undefined;
    const segments = path.split('/');
    const version = valid(segments.at(-1)?.split('_')[0] ?? '');
    const name = nameAtEnd(segments.slice(0, -1));
    return version === null || name === undefined ? undefined : { name, version };
  }
  // The separator is the first `@` that does not open a scope; peers in parentheses may hold more.
  const bare = path.replace(/\(.*$/, '');
  const at = [...bare].findIndex((char, index) => char === '@' && index > 0 && bare[index - 1] !== '/');
  if (at < 0) return undefined;
  const name = nameAtEnd(bare.slice(0, at).split('/'));
  const version = keyVersion(bare.slice(at + 1));
  return name === undefined || version === undefined ? undefined : { name, version };
}
