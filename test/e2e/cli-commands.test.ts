import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '#src/cli/run-cli.ts';
import { requireBackend } from '../helpers/require-backend.ts';
import { createPostgresTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

const execFileAsync = promisify(execFile);
const COMMANDS = [
  'plan',
  'worker',
  'runs',
  'replay',
  'budget',
  'status',
  'migrate',
  'ledger',
  'check-residency',
  'config',
  'verify-packages',
];

/** Runs `aos …` as a child process, as a user would, and returns its exit code and output. */
async function aos(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ['bin/aos.mjs', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Runs one invocation through the CLI's entry in this process, collecting what it prints. */
async function runInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(args, { out: (text) => stdout.push(text), err: (text) => stderr.push(text) });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe('aos commands as child processes', () => {
  const embedded = { AOS_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'aos-cli-')) };

  it('answers --help for every command with exit 0, and bad usage with exit 2', async () => {
    // One child process proves the installed command starts; the per-command answers come from
    // the same entry called in-process, so the test does not pay a process start per command.
    const overview = await aos(['--help'], embedded);
    expect(overview.code).toBe(0);
    for (const command of COMMANDS) expect(overview.stdout).toContain(command);
    for (const command of COMMANDS) {
      const help = await runInProcess([command, '--help']);
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toMatch(/^Usage: aos /);
    }
    const unknown = await runInProcess(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('aos: unknown command "frobnicate"');
    const badFlag = await runInProcess(['migrate', '--no-such-flag']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('Usage: aos migrate');
  });

  const engines: Array<[string, () => Promise<Record<string, string>>]> = [
    ['the embedded database', async () => ({ AOS_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'aos-cli-db-')) })],
  ];
  const pgUrl = requireBackend('postgres');
  const databases: TestDatabase[] = [];
  if (pgUrl) {
    engines.push([
      'PostgreSQL',
      async () => {
        const database = await createPostgresTestDatabase(pgUrl);
        databases.push(database);
        await database.db.knex.migrate.rollback(undefined, true).catch(() => undefined);
        return { DATABASE_URL: database.url! };
      },
    ]);
  }
  afterAll(async () => {
    await Promise.all(databases.map((database) => database.drop()));
  });

  it.each(engines)(
    'migrates, rolls back and verifies the ledger on %s, with --json output that parses',
    async (_name, environment) => {
      const env = await environment();
      const applied = JSON.parse((await aos(['migrate', '--json'], env)).stdout) as { action: string; migrations: string[] };
      expect(applied.action).toBe('latest');
      const status = JSON.parse((await aos(['migrate', 'status', '--json'], env)).stdout) as { applied: string[]; pending: string[] };
      expect(status.pending).toEqual([]);
      expect(status.applied).toContain('20261122_0003_runs');
      const verify = await aos(['ledger', 'verify', '--json'], env);
      expect(verify.code).toBe(0);
      expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, problems: [] });
      if (!env.DATABASE_URL) return;
      // The rest once, on PostgreSQL: every process start on the embedded engine costs seconds.
      expect((await aos(['ledger', 'inspect'], env)).code).toBe(2);
      const rolledBack = await aos(['migrate', 'rollback', '--json'], env);
      expect(rolledBack.code).toBe(0);
      const after = JSON.parse((await aos(['migrate', 'status', '--json'], env)).stdout) as { pending: string[] };
      expect(after.pending.length).toBeGreaterThan(0);
    },
    120_000,
  );
});
