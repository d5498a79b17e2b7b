import type { Workspace, WorkspaceRequest } from '../agents/workspace-types.ts';
import { createGithubBase } from './create-github-base.ts';
import { createOverlayWorkspace } from './create-overlay-workspace.ts';

/**
 * The workspace of one run on GitHub: an overlay over the repository's tree at `commitSha`, read
 * through the installation's client, guarded by `policy` (whose secret files the base refuses to
 * read as well).
 */
export function openGithubWorkspace(request: WorkspaceRequest): Workspace {
  const { octokit, owner, repo } = request.target;
  return createOverlayWorkspace({
    base: createGithubBase({ octokit, owner, repo, commitSha: request.commitSha, secretFiles: request.policy.secretFiles }),
    policy: request.policy,
  });
}
