import type { SourceKind } from '../types.ts';
import { classifyNpmResolved } from './classify-npm-resolved.ts';
import { recordOf, stringOf } from './plain-data.ts';

/**
 * Classifies a pnpm `resolution`: `{integrity}` alone is the registry; `{type: git, repo,
 * commit}` is git; `{type: directory, directory}` is a local folder; `{tarball}` is classified by
 * its URL (a hosted-git archive is git, the registry layout is the registry, `file:` is local).
 */
export function classifyPnpmResolution(resolution: unknown, name: string, version: string): { source: SourceKind; resolved?: string } {
  const fields = recordOf(resolution);
  const repo = stringOf(fields?.['repo']);
  if (fields?.['type'] === 'git' || repo !== undefined) {
    const commit = stringOf(fields?.['commit']);
    return { source: 'git', resolved: commit === undefined ? (repo ?? '') : `${repo ?? ''}#${commit}` };
  }
  const directory = stringOf(fields?.['directory']);
  if (fields?.['type'] === 'directory' || directory !== undefined) return { source: 'file', resolved: directory ?? '' };
  const tarball = stringOf(fields?.['tarball']);
  if (tarball === undefined) return { source: 'registry' };
  const source = classifyNpmResolved(tarball, name, version);
  return source === 'registry' ? { source } : { source, resolved: tarball };
}
