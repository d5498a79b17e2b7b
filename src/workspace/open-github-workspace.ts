import type { Workspace, WorkspaceRequest } from '../agents/workspace-types.ts';
import type { RepoCache } from './create-repo-cache.ts';
import { createGithubBase } from './create-github-base.ts';
import { createOverlayWorkspace } from './create-overlay-workspace.ts';

/**
 * The workspace of one run on GitHub: an overlay over the repository's tree at `commitSha`, read
 * through the installation's client (from one tarball into `repoCache` when given), guarded by
 * `policy` (whose secret files the base refuses to read as well).
 */
export function openGithubWorkspace(request: WorkspaceRequest, options: { repoCache?: RepoCache } = {}): Workspace {
  const { octokit, owner, repo } = request.target;
  return createOverlayWorkspace({
    base: createGithubBase({
      octokit,
      owner,
      repo,
      commitSha: request.commitSha,
      secretFiles: request.policy.secretFiles,
      ...(options.repoCache ? { repoCache: options.repoCache } : {}),
    }),
    policy: request.policy,
  });
}
