import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aosChildEnv, generateAppKey } from '../helpers/start-aos-server.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

/** Runs `npm start`'s command and waits for it to exit; a server that starts instead is killed. */
function runServer(env: NodeJS.ProcessEnv, limitMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/start-server.mjs'], {
      cwd: PROJECT_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output: output.join('') });
    });
  });
}

describe('app server start-up', () => {
  it('stops with exit code 2 and names AOS_RUN_LINK_SECRET when it is shorter than 32 bytes', { timeout: 240_000 }, async () => {
    const env = aosChildEnv({
      privateKey: generateAppKey().privateKey,
      githubHost: '127.0.0.1:9',
      modelUrl: 'http://127.0.0.1:9/v1',
      extra: {
        AOS_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'aos-e2e-config-')),
        AOS_PUBLIC_URL: 'https://aos.example',
        AOS_RUN_LINK_SECRET: 'short-link-secret',
        PORT: '9',
      },
    });
    const { code, output } = await runServer(env, 60_000);
    expect(output).toContain('environment: AOS_RUN_LINK_SECRET: must be at least 32 bytes');
    expect(output).not.toContain('short-link-secret');
    expect(code).toBe(2);
  });
});
