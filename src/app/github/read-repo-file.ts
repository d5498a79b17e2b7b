import type { RepoTarget } from '../../lib/repo-target.ts';
import { requestStatus } from '../../lib/request-status.ts';

/** A file's text at a ref, or null when it does not exist there (or is not a file). */
export async function readRepoFile(target: RepoTarget, path: string, ref: string): Promise<string | null> {
  try {
    const { data } = await target.octokit.rest.repos.getContent({ owner: target.owner, repo: target.repo, path, ref });
    if (Array.isArray(data) || data.type !== 'file') return null;
    if ('content' in data && data.content && data.encoding === 'base64') return Buffer.from(data.content, 'base64').toString('utf8');
    // Files over 1 MB come without content: fetch the blob instead.
    const blob = await target.octokit.rest.git.getBlob({ owner: target.owner, repo: target.repo, file_sha: data.sha });
    return Buffer.from(blob.data.content, 'base64').toString('utf8');
  } catch (error) {
    if (requestStatus(error) === 404) return null;
    throw error;
  }
}
