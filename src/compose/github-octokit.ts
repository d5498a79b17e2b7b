import Bottleneck from 'bottleneck';
import { ProbotOctokit } from 'probot';
import type { AosEnv } from '../config/index.ts';

/** The throttle's two write groups (every write, and writes that notify people): each starts `minTime` ms after the one before. */
export function githubWriteThrottle(minTime: number): { write: Bottleneck.Group; notifications: Bottleneck.Group } {
  return {
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime }),
  };
}

/**
 * The Octokit class Probot builds its clients from: with AOS_GITHUB_WRITE_INTERVAL_MS set, writes start that far apart;
 * unset, Probot's own class (GitHub's intervals). `groups` are the throttle's write groups (tests pass their own to stop them).
 */
export function githubOctokit(
  env: Pick<AosEnv, 'AOS_GITHUB_WRITE_INTERVAL_MS'>,
  groups = env.AOS_GITHUB_WRITE_INTERVAL_MS === undefined ? undefined : githubWriteThrottle(env.AOS_GITHUB_WRITE_INTERVAL_MS),
): typeof ProbotOctokit | undefined {
  if (groups === undefined) return undefined;
  // One pair of groups for every client of the process, merged into whatever throttle options Probot passes: an
  // object given to defaults() would be replaced whole by Probot's own throttle options.
  return ProbotOctokit.defaults((options: { throttle?: object } | undefined) => ({
    ...options,
    throttle: { ...options?.throttle, ...groups },
  }));
}
