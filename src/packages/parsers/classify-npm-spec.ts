import type { SourceKind } from '../types.ts';
import { splitNpmDescriptor } from './split-npm-descriptor.ts';

/** What an npm dependency specifier points at. */
export interface NpmSpec {
  source: SourceKind;
  /** Set for `npm:real@range` aliases: the real package name. */
  realName?: string;
  /** The range or tag for registry specs (the part after `real@` for aliases); the spec itself otherwise. */
  range: string;
}

const GIT_PREFIX = /^(?:git\+[a-z]+:|git:|ssh:|git@|github:|gitlab:|bitbucket:|gist:)/i;
const GITHUB_SHORTHAND = /^[^@./\s:#~][^/\s:#]*\/[^/\s:#]+(?:#.*)?$/;
const GIT_HOSTS = /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org)\/[^/]+\/[^/#]+\/?(?:#.*)?$/i;
const LOCAL_PATH = /^(?:\.{1,2}(?:\/|\\|$)|\/|~\/|[a-zA-Z]:[\\/])/;
const PROTOCOLS: ReadonlyArray<readonly [string, SourceKind]> = [
  ['workspace:', 'workspace'],
  ['file:', 'file'],
  ['link:', 'link'],
  ['portal:', 'portal'],
  ['patch:', 'patch'],
];

/**
 * Classifies a specifier as npm, yarn and pnpm write it in `package.json` (and as npm v1 and
 * yarn v1 lockfiles repeat it): registry ranges and tags, `npm:` aliases, git URLs and hosted
 * shorthands (`user/repo`, `github:user/repo`), local paths and protocols, and remote tarballs.
 */
export function classifyNpmSpec(spec: string): NpmSpec {
  const trimmed = spec.trim();
  if (trimmed.startsWith('npm:')) {
    const { name, range } = splitNpmDescriptor(trimmed.slice(4));
    return { source: 'registry', realName: name, range };
  }
  for (const [prefix, source] of PROTOCOLS) {
    if (trimmed.startsWith(prefix)) return { source, range: trimmed };
  }
  if (GIT_PREFIX.test(trimmed) || GIT_HOSTS.test(trimmed) || /^https?:\/\/.*\.git(?:#.*)?$/i.test(trimmed)) {
    return { source: 'git', range: trimmed };
  }
  if (/^https?:\/\//i.test(trimmed)) return { source: 'tarball', range: trimmed };
  if (LOCAL_PATH.test(trimmed)) return { source: 'file', range: trimmed };
  if (GITHUB_SHORTHAND.test(trimmed)) return { source: 'git', range: trimmed };
  return { source: 'registry', range: trimmed };
}
