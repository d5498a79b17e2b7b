import type { ProbotOctokit } from 'probot';

/** The part of an Octokit client the settings loader uses. */
export interface ContentOctokit {
  rest: { repos: Pick<ProbotOctokit['rest']['repos'], 'getContent'> };
}

/** Where `.github/aos.yml` lives in a repository. */
export const SETTINGS_PATH = '.github/aos.yml';

/** Largest settings file aos reads; anything bigger is refused rather than parsed. */
export const MAX_SETTINGS_BYTES = 64 * 1024;

/** The file's text, its absence, or why it cannot be read (a sentence for the comment). */
export type SettingsFile = { kind: 'missing' } | { kind: 'text'; text: string } | { kind: 'unreadable'; problem: string };

/** True for an Octokit RequestError with HTTP status 404. */
function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 404;
}

const tooLarge = (bytes: number): SettingsFile => ({
  kind: 'unreadable',
  problem: `the file is ${bytes} bytes; the limit is ${MAX_SETTINGS_BYTES} bytes (64 KB)`,
});

/**
 * Fetches `.github/aos.yml` at `ref` through the contents API and decodes it. 404 is `missing`;
 * other failures are thrown so the caller can retry instead of running with the wrong settings.
 */
export async function readSettingsFile(octokit: ContentOctokit, owner: string, repo: string, ref: string): Promise<SettingsFile> {
  let data: Awaited<ReturnType<ContentOctokit['rest']['repos']['getContent']>>['data'];
  try {
    ({ data } = await octokit.rest.repos.getContent({ owner, repo, path: SETTINGS_PATH, ref }));
  } catch (error) {
    if (isNotFound(error)) return { kind: 'missing' };
    throw error;
  }
  if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) {
    return { kind: 'unreadable', problem: 'the path is not a regular file' };
  }
  if (data.size > MAX_SETTINGS_BYTES) return tooLarge(data.size);
  const bytes = Buffer.from(data.content, 'base64');
  if (bytes.length > MAX_SETTINGS_BYTES) return tooLarge(bytes.length);
  try {
    return { kind: 'text', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { kind: 'unreadable', problem: 'the file is not valid UTF-8 text' };
  }
}
