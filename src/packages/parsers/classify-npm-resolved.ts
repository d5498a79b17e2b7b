import type { SourceKind } from '../types.ts';

const HOSTED_GIT_ARCHIVE = /^https?:\/\/(?:codeload\.github\.com|gitlab\.com\/[^?#]*\/-\/archive|bitbucket\.org\/[^?#]*\/get)\//i;

/**
 * Classifies a lockfile's `resolved` URL (npm `resolved`, yarn v1 `resolved`, pnpm
 * `resolution.tarball`). A tarball counts as `registry` when its path has the npm registry layout
 * `…/-/<name>-<version>.tgz` for this very package and version, whatever the host: mirrors,
 * Artifactory, Verdaccio and private registries all serve that layout, and the registry check
 * uses the user's own registry configuration. Any other http(s) URL is a plain `tarball`.
 */
export function classifyNpmResolved(resolved: string, name: string, version: string): SourceKind {
  if (/^(?:git\+|git:|ssh:|git@)/i.test(resolved)) return 'git';
  if (resolved.startsWith('file:')) return 'file';
  if (!/^https?:\/\//i.test(resolved)) return 'file';
  if (HOSTED_GIT_ARCHIVE.test(resolved)) return 'git';
  const path = resolved.replace(/[?#].*$/, '');
  const unscoped = name.slice(name.lastIndexOf('/') + 1);
  const registryTail = `/${unscoped}-${version}.tgz`;
  return version !== '' && path.includes('/-/') && path.endsWith(registryTail) ? 'registry' : 'tarball';
}
