import type { Dependency } from '../types.ts';

/** What makes two declarations the same: ecosystem, name, version and where it comes from. */
const identity = (d: Dependency) => [d.ecosystem, d.name, d.version, d.source, d.resolved ?? ''].join('\u0000');

/**
 * The dependencies of `head` that are new against `base` (the same file at the base commit):
 * added, or changed in version or source. A head declaration whose exact identity exists in base
 * is unchanged, wherever its line moved to. With no base (`null`: file absent at base), all of head.
 */
export function diffDependencies(base: readonly Dependency[] | null, head: readonly Dependency[]): Dependency[] {
  if (base === null) return [...head];
  const known = new Set(base.map(identity));
  return head.filter((dependency) => !known.has(identity(dependency)));
}
