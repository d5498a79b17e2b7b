import { githubTarEntries, tarGzSync } from '../tar-archive.ts';
import type { DoubleContext } from './context.ts';
import { flatten, resolve } from './git-objects.ts';
import { notFound } from './http-error.ts';
import { R, type Answer, type RouteParts } from './router.ts';
import type { DoubleRepo } from './state.ts';

/** Where the double's codeload answers: outside `/api/v3`, as codeload.github.com is outside api.github.com. */
export const CODELOAD = '/codeload';

/** The gzipped tarball of a commit as GitHub's codeload makes it; built once per commit. */
const archives = new WeakMap<DoubleRepo, Map<string, Buffer>>();
function tarballOf(repo: DoubleRepo, commit: string): Buffer {
  let built = archives.get(repo);
  if (!built) archives.set(repo, (built = new Map()));
  let archive = built.get(commit);
  if (archive === undefined) {
    const files = [...flatten(repo, repo.git.commits.get(commit)!.tree)]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([path, entry]): [string, Buffer, string] => [path, repo.git.blobs.get(entry.sha) ?? Buffer.alloc(0), entry.mode]);
    archive = tarGzSync(githubTarEntries(`${repo.owner}-${repo.name}-${commit.slice(0, 7)}`, commit, files));
    built.set(commit, archive);
  }
  return archive;
}

/**
 * `GET /repos/{owner}/{repo}/tarball/{ref}`: like GitHub, a 302 to codeload, here a path on the
 * double itself that `codeloadAnswer` serves without credentials (codeload's URL carries its own
 * short-lived token).
 */
export function addArchiveRoutes({ route, double, model }: RouteParts): void {
  route('GET', `${R}/tarball/:rest`, ({ params }) => {
    const repo = model.repoOf(params[0]!, params[1]!);
    const at = resolve(repo, params[2]!);
    if (!at?.commit) throw notFound();
    const location = `${double.baseUrl}${CODELOAD}/${repo.owner}/${repo.name}/legacy.tar.gz/${at.commit}?token=codeload-token`;
    return { status: 302, body: '', headers: { location } };
  });
}

/** The answer to a codeload path: the archive of that commit. */
export function codeloadAnswer(double: DoubleContext, path: string): Answer {
  const match = /^\/codeload\/([^/]+)\/([^/]+)\/legacy\.tar\.gz\/([0-9a-f]{40})$/.exec(path);
  const repo = match ? double.state.repos[`${match[1]}/${match[2]}`] : undefined;
  if (!match || !repo || !repo.git.commits.has(match[3]!)) throw notFound();
  return { status: 200, body: null, raw: tarballOf(repo, match[3]!), headers: { 'content-type': 'application/x-gzip' } };
}
