import { binaryExtensionOf } from './edit-guard-binary-extensions.ts';
import { DEFAULT_DENY_GLOBS } from './edit-guard-policy.ts';
import { repoPathProblem } from './edit-guard-repo-path.ts';
import type { EditGuardDecision, EditGuardPolicy, RepoPathFacts } from './edit-guard-types.ts';
import { matchPathGlobs } from './match-path-globs.ts';
import { protectedGlobAdditions } from './protected-globs.ts';
import { secretFileGlob } from './secret-files.ts';

/**
 * The path rules of the edit guard, which need no content: the path must stay inside the
 * repository (no escape by `..`, absolute paths or a symlinked directory of the base tree), must
 * not match a deny glob nor be a secret file (the defaults of both apply even when the policy
 * omits them), and must not name a binary format. Callers run it before reading anything for the
 * edit.
 */
export function checkEditPath(
  path: string,
  repo: RepoPathFacts,
  policy: Pick<EditGuardPolicy, 'denyGlobs' | 'secretFiles'>,
): EditGuardDecision {
  const shown = JSON.stringify(path);
  const problem = repoPathProblem(path);
  if (problem !== null) return deny('path_outside_repo', path, `refused to edit ${shown}: the path ${problem}`);
  const link = linkOnPath(path, repo);
  if (link !== null) {
    const what = link.prefix === path ? 'is itself' : `goes through ${JSON.stringify(link.prefix)}, which is`;
    return deny(
      'path_outside_repo',
      path,
      `refused to edit ${shown}: it ${what} a ${link.kind} in the repository, so the write could land outside it`,
    );
  }
  // The defaults first, on their own: a policy that leaves them out cannot lose them.
  const glob =
    matchPathGlobs(DEFAULT_DENY_GLOBS, path) ?? matchPathGlobs(protectedGlobAdditions(DEFAULT_DENY_GLOBS, policy.denyGlobs), path);
  if (glob !== null) {
    return deny(
      'deny_glob',
      path,
      `refused to edit ${shown}: it matches the protected pattern "${glob}" (CI, aos's settings, code owners, git and package-manager configuration, keys and environment files are never edited by aos)`,
    );
  }
  const secret = secretFileGlob(path, policy.secretFiles);
  if (secret !== null)
    return deny(
      'secret_file',
      path,
      `refused to edit ${shown}: it is a secret file (it matches "${secret}"), which aos neither reads nor edits`,
    );
  const extension = binaryExtensionOf(path);
  if (extension !== null)
    return deny('binary', path, `refused to edit ${shown}: .${extension} files are binary and aos edits text files only`);
  return { allow: true };
}

function linkOnPath(path: string, repo: RepoPathFacts): { prefix: string; kind: string } | null {
  const segments = path.split('/');
  for (let count = 1; count <= segments.length; count += 1) {
    const prefix = segments.slice(0, count).join('/');
    if (repo.isSymlink(prefix)) return { prefix, kind: 'symbolic link' };
    if (repo.isSubmodule?.(prefix) === true) return { prefix, kind: 'submodule' };
  }
  return null;
}

function deny(rule: 'path_outside_repo' | 'deny_glob' | 'secret_file' | 'binary', path: string, reason: string): EditGuardDecision {
  return { allow: false, rule, path, reason };
}
