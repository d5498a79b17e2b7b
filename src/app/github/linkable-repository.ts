import type { RepoTarget } from '../../lib/repo-target.ts';
import type { LinkableRepository } from './render-untrusted-text.ts';

/**
 * The repository a target acts on, as `renderUntrustedText` needs it to keep links to its own
 * files: the web origin comes from the client's API base URL (`https://api.github.com` →
 * `https://github.com`; GitHub Enterprise and compatible APIs serve the web pages on the origin
 * of their `/api/v3`), so links on an Enterprise host stay as well.
 */
export function linkableRepository(target: RepoTarget): LinkableRepository {
  const api = new URL(target.octokit.request.endpoint.DEFAULTS.baseUrl);
  const origin = api.hostname === 'api.github.com' ? 'https://github.com' : api.origin;
  return { origin, owner: target.owner, repo: target.repo };
}
