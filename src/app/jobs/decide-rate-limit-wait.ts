import type { ProbotOctokit } from 'probot';
import { requestStatus } from '../../lib/request-status.ts';

/** Whether a new run may start now, given the installation's GitHub rate limit. */
export type RateLimitWait =
  | { wait: false }
  | {
      wait: true;
      remaining: number;
      limit: number;
      floor: number;
      /** When the window resets, ms since the epoch. */
      resetAt: number;
      /** The line for the status comment. */
      message: string;
    };

/** The decision on numbers already read: wait when fewer than `floor` requests are left. */
export function decideRateLimitWait(core: { remaining: number; limit: number; reset: number }, floor: number): RateLimitWait {
  if (core.remaining >= floor) return { wait: false };
  const resetAt = core.reset * 1000;
  const at = new Date(resetAt).toISOString().slice(11, 16);
  return {
    wait: true,
    remaining: core.remaining,
    limit: core.limit,
    floor,
    resetAt,
    message:
      `⏳ **Waiting for GitHub's rate limit.** This installation has ${core.remaining} of its ${core.limit} API requests left ` +
      `until ${at} UTC, and aos keeps ${floor} for your other checks and commands. The run starts when the limit resets.`,
  };
}

/**
 * Reads the installation's core rate limit (`GET /rate_limit`, which GitHub does not count against it) and decides.
 * A server without rate limiting (GitHub Enterprise answers 404) never makes a run wait.
 */
export async function readRateLimitWait(octokit: Pick<ProbotOctokit, 'rest'>, floor: number): Promise<RateLimitWait> {
  if (floor <= 0) return { wait: false };
  try {
    const { data } = await octokit.rest.rateLimit.get();
    return decideRateLimitWait(data.resources.core, floor);
  } catch (error) {
    if (requestStatus(error) === 404) return { wait: false };
    throw error;
  }
}
