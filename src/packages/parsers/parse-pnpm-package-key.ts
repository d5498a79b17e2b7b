import { splitNpmDescriptor } from './split-npm-descriptor.ts';

/**
 * The name and version encoded in a pnpm `packages:` key: `/name/1.2.3_peer@1.0.0` (lockfile v5),
 * `/@scope/name@1.2.3(peer@1.0.0)` (v6), `name@1.2.3` (v9). Peer suffixes are dropped. Keys of
 * non-registry packages (`github.com/…`, `file:…`, `name@https://…`) yield an empty version;
 * undefined when no name can be read.
 */
export function parsePnpmPackageKey(key: string, lockfileMajor: number): { name: string; version: string } | undefined {
  if (lockfileMajor < 6) {
    if (!key.startsWith('/')) return undefined;
    const parts = key.slice(1).split('/');
    const scoped = parts[0]?.startsWith('@') === true;
    const name = scoped ? `${parts[0]}/${parts[1] ?? ''}` : (parts[0] ?? '');
    const version = (scoped ? parts[2] : parts[1])?.split('_')[0] ?? '';
    return name === '' || name.endsWith('/') ? undefined : { name, version: asVersion(version) };
  }
  const { name, range } = splitNpmDescriptor(key.startsWith('/') ? key.slice(1) : key);
  if (range === '') return undefined;
  return { name, version: asVersion(range.replace(/\(.*$/, '')) };
}

function asVersion(value: string): string {
  return /^\d/.test(value) ? value : '';
}
