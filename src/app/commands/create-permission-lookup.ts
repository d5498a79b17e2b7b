import type { RepoPermission } from './decide-command-access.ts';
import { fetchPermission, type PermissionOctokit } from './fetch-permission.ts';

/** Permissions on one repository, each person's looked up at most once. */
export interface PermissionLookup {
  permissionOf(login: string): Promise<RepoPermission>;
}

/**
 * A permission lookup for one job: `fetchPermission` once per login (case-insensitive, as GitHub
 * logins are), the answer shared by every later question about the same person. A failed lookup
 * is not kept, so it is not mistaken for an answer.
 */
export function createPermissionLookup(octokit: PermissionOctokit, owner: string, repo: string): PermissionLookup {
  const known = new Map<string, Promise<RepoPermission>>();
  return {
    permissionOf(login) {
      const key = login.toLowerCase();
      let permission = known.get(key);
      if (!permission) {
        permission = fetchPermission(octokit, owner, repo, login);
        known.set(key, permission);
        permission.catch(() => known.delete(key));
      }
      return permission;
    },
  };
}
