import { ConfigError, parseYamlText } from '../../config/index.ts';
import { formatSettingsError } from './format-settings-error.ts';
import { readSettingsFile, SETTINGS_PATH, type ContentOctokit } from './read-settings-file.ts';
import { createRepoSettingsSchema, type GlobalCaps, type RepoSettings } from './repo-settings-schema.ts';

/** What loadRepoSettings needs. */
export interface LoadRepoSettingsOptions {
  /** An installation-authenticated client. */
  octokit: ContentOctokit;
  /** Repository owner (user or organization login). */
  owner: string;
  /** Repository name. */
  repo: string;
  /** The repository's default branch: the only ref settings are read from. */
  defaultBranch: string;
  /** The operator's caps; the file may only set lower ones. */
  globalCaps: GlobalCaps;
}

/** Settings to run with, or the comment to post instead of running. */
export type LoadRepoSettingsResult = { ok: true; settings: RepoSettings; source: 'file' | 'defaults' } | { ok: false; message: string };

/**
 * Reads `.github/aos.yml` from the default branch only, so a pull request cannot loosen the
 * settings its own run is held to. No file means defaults; a file that is too big, unreadable or
 * invalid (an empty one included) means no run and a message listing each problem with its line.
 * GitHub failures other than 404 are thrown.
 */
export async function loadRepoSettings(options: LoadRepoSettingsOptions): Promise<LoadRepoSettingsResult> {
  const { octokit, owner, repo, defaultBranch, globalCaps } = options;
  const schema = createRepoSettingsSchema(globalCaps);
  const file = await readSettingsFile(octokit, owner, repo, defaultBranch);
  if (file.kind === 'missing') return { ok: true, settings: schema.parse({}), source: 'defaults' };
  if (file.kind === 'unreadable') {
    return {
      ok: false,
      message: formatSettingsError(SETTINGS_PATH, defaultBranch, [{ file: SETTINGS_PATH, path: '', problem: file.problem }]),
    };
  }
  try {
    return { ok: true, settings: parseYamlText(file.text, schema, SETTINGS_PATH), source: 'file' };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { ok: false, message: formatSettingsError(SETTINGS_PATH, defaultBranch, error.problems) };
  }
}
