import { describe, expect, it } from 'vitest';
import { decideRateLimitWait, readRateLimitWait } from '#src/app/jobs/decide-rate-limit-wait.ts';

const RESET = Date.UTC(2026, 11, 2, 19, 45) / 1000;

describe('decideRateLimitWait', () => {
  it('lets a run start while at least the floor is left', () => {
    expect(decideRateLimitWait({ remaining: 500, limit: 5000, reset: RESET }, 500)).toEqual({ wait: false });
  });

  it('makes a run wait below the floor, until the reset, and says so with the numbers', () => {
    const wait = decideRateLimitWait({ remaining: 120, limit: 5000, reset: RESET }, 500);
    expect(wait).toMatchObject({ wait: true, remaining: 120, limit: 5000, floor: 500, resetAt: RESET * 1000 });
    expect(wait.wait && wait.message).toBe(
      "⏳ **Waiting for GitHub's rate limit.** This installation has 120 of its 5000 API requests left until 19:45 UTC, and aos keeps 500 for your other checks and commands. The run starts when the limit resets.",
    );
  });
});

describe('readRateLimitWait', () => {
  const client = (get: () => Promise<unknown>) => ({ rest: { rateLimit: { get } } }) as never;

  it('reads the core limit', async () => {
    const wait = await readRateLimitWait(
      client(async () => ({ data: { resources: { core: { remaining: 3, limit: 5000, reset: RESET } } } })),
      10,
    );
    expect(wait.wait).toBe(true);
  });

  it('never waits when the floor is 0, without asking GitHub', async () => {
    await expect(
      readRateLimitWait(
        client(async () => Promise.reject(new Error('asked'))),
        0,
      ),
    ).resolves.toEqual({ wait: false });
  });

  it('never waits on a server without rate limiting (404), and passes other failures on', async () => {
    const notEnabled = Object.assign(new Error('Rate limiting is not enabled.'), { status: 404 });
    await expect(
      readRateLimitWait(
        client(async () => Promise.reject(notEnabled)),
        500,
      ),
    ).resolves.toEqual({ wait: false });
    const down = Object.assign(new Error('Server Error'), { status: 502 });
    await expect(
      readRateLimitWait(
        client(async () => Promise.reject(down)),
        500,
      ),
    ).rejects.toThrow('Server Error');
  });
});
