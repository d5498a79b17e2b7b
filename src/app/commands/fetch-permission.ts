import type { ProbotOctokit } from 'probot';
import type { RepoPermission } from './decide-command-access.ts';

/** The part of an Octokit client fetchPermission uses. */
export interface PermissionOctokit {
  rest: { repos: Pick<ProbotOctokit['rest']['repos'], 'getCollaboratorPermissionLevel'> };
}

const KNOWN: ReadonlySet<string> = new Set<RepoPermission>(['admin', 'maintain', 'write', 'triage', 'read', 'none']);

/** The value as a RepoPermission, or undefined for a custom role name or nothing. */
function asPermission(value: string | null | undefined): RepoPermission | undefined {
  return typeof value === 'string' && KNOWN.has(value) ? (value as RepoPermission) : undefined;
}

/** True for an Octokit RequestError with HTTP status 404. */
function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 404;
}

/**
 * A user's permission on a repository. `role_name` is preferred because it distinguishes maintain
 * and triage (which `permission` reports as write and read); a custom role name falls back to
 * `permission`, the built-in role it is based on. 404 (not a collaborator, no such user) is none;
 * any other failure is thrown, so the caller retries rather than refuses.
 */
export async function fetchPermission(octokit: PermissionOctokit, owner: string, repo: string, username: string): Promise<RepoPermission> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username });
    return asPermission(data.role_name) ?? asPermission(data.permission) ?? 'none';
  } catch (error) {
    if (isNotFound(error)) return 'none';
    throw error;
  }
}
