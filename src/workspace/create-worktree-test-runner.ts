import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AosError } from '../observability/aos-error.ts';
import { isCredentialVariable, repoPathProblem } from '../policy/edit-guard/index.ts';
import type { TestRunner } from '../agents/agent-context.ts';
import { runGit } from './run-git.ts';

/** Options of {@link createWorktreeTestRunner}. */
export interface WorktreeTestRunnerOptions {
  /** A directory of the local repository the run works on. */
  repoDir: string;
  /** The commit the overlay applies to (the workspace base's commit). */
  baseRef: string;
  /** The overlay's changes at the moment the tests run: path → content, null for a deleted file. */
  changes: () => ReadonlyMap<string, string | null>;
  /**
   * The environment the command would inherit (`processEnvironment()` of `config/`). Every
   * credential-shaped variable (see `isCredentialVariable`) is removed before the command sees it:
   * the command runs code a model wrote, so it must not see aos's secrets, nor the user's.
   */
  environment: Readonly<Record<string, string | undefined>>;
}

/** `environment` without its credential-shaped variables. */
function withoutCredentials(environment: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(environment)) if (value !== undefined && !isCredentialVariable(name)) kept[name] = value;
  return kept;
}

/** How much of the command's output is kept: the end, where test runners print their summary. */
const OUTPUT_TAIL_BYTES = 4096;
/** After a timeout kill, how long to wait for the pipes to close before giving up on them. */
const KILL_GRACE_MS = 2000;
// Checkout hooks of the user's repository must not run for aos's throw-away worktree.
const NO_HOOKS = ['-c', 'core.hooksPath=/dev/null'];

/** Keeps the last `limit` bytes written to it. */
function tailBuffer(limit: number) {
  let tail = Buffer.alloc(0);
  return {
    push(chunk: Buffer) {
      tail = Buffer.concat([tail, chunk]);
      if (tail.length > limit) tail = tail.subarray(tail.length - limit);
    },
    text: () => tail.toString('utf8'),
  };
}

/** Runs `sh -c command` in `cwd` as its own process group; the whole group dies on timeout. */
function runInGroup(
  command: string,
  cwd: string,
  timeoutMs: number,
  env: Record<string, string>,
): Promise<{ passed: boolean; output: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const output = tailBuffer(OUTPUT_TAIL_BYTES);
    const child = spawn('sh', ['-c', command], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let timedOut = false;
    let settled = false;
    const finish = (code: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(grace);
      resolve({ passed: !timedOut && code === 0, output: output.text(), timedOut });
    };
    let grace: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
      // A process that left the group may hold the pipes open; do not wait for it forever.
      grace = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish(null);
      }, KILL_GRACE_MS);
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    child.on('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new AosError('test_command_failed', `could not start the test command: ${error.message}`, { cause: error }));
    });
    child.on('close', finish);
  });
}

/** Writes the overlay into the worktree; paths are checked again, since they become file names. */
async function writeChanges(dir: string, changes: ReadonlyMap<string, string | null>): Promise<void> {
  for (const [file, content] of changes) {
    const problem = repoPathProblem(file);
    if (problem !== null)
      throw new AosError('git_invalid_change', `cannot write ${JSON.stringify(file)} into the test worktree: the path ${problem}`);
    const target = path.join(dir, ...file.split('/'));
    if (content === null) {
      await rm(target, { force: true });
    } else {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
  }
}

/**
 * A `TestRunner` that runs the test command on the change as it stands, without touching the
 * user's checkout: `git worktree add --detach` of the base commit into a temporary directory, the
 * overlay's current changes written into it, the command run there with `sh -c` (its whole
 * process group killed at the timeout, its environment without credential-shaped variables), the last 4 KB of
 * its output kept, and the worktree removed afterwards whatever happened.
 */
export function createWorktreeTestRunner(options: WorktreeTestRunnerOptions): TestRunner {
  return {
    async run(command, timeoutMs) {
      const parent = await mkdtemp(path.join(tmpdir(), 'aos-test-'));
      const worktree = path.join(parent, 'worktree');
      let added = false;
      try {
        await runGit(options.repoDir, [...NO_HOOKS, 'worktree', 'add', '--detach', worktree, options.baseRef]);
        added = true;
        await writeChanges(worktree, options.changes());
        return await runInGroup(command, worktree, timeoutMs, withoutCredentials(options.environment));
      } finally {
        const removed =
          added &&
          (await runGit(options.repoDir, ['worktree', 'remove', '--force', worktree]).then(
            () => true,
            () => false,
          ));
        await rm(parent, { recursive: true, force: true });
        // With the directory gone, prune drops the worktree's record that `remove` could not.
        if (added && !removed) await runGit(options.repoDir, ['worktree', 'prune']).catch(() => undefined);
      }
    },
  };
}
