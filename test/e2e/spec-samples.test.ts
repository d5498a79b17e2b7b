import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateAppKey, startAosServer } from '../helpers/start-aos-server.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLES = path.join(PROJECT_ROOT, 'test/fixtures/spec-samples');
const temps: string[] = [];

/** A fresh AOS_CONFIG_DIR holding the specification's three samples as they are. */
function samplesDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aos-spec-'));
  temps.push(dir);
  fs.cpSync(SAMPLES, dir, { recursive: true });
  return dir;
}

/** `aos <args>` as a child process on `dir`, with a clean environment. */
function aos(dir: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['bin/aos.mjs', ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), AOS_CONFIG_DIR: dir, AOS_DATA_DIR: path.join(dir, '.aos'), ...env },
    encoding: 'utf8',
    timeout: 110_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

describe("aos on the specification's three sample files, copied as they are", () => {
  it(
    "check-residency exits 1, names OpenAI's and Anthropic's global hosts as not EU, and says once that the declared regions are a mistake",
    { timeout: 120_000 },
    () => {
      const dir = samplesDir();
      const { code, stdout } = aos(dir, ['check-residency', '--output', path.join(dir, 'out.csv')]);
      expect(code).toBe(1);
      const lines = stdout.split('\n');
      expect(lines.find((line) => line.startsWith('openai'))).toMatch(
        /^openai\s+api\.openai\.com\s+eu-west-1\s+blocked\s+openai endpoint api\.openai\.com is not an EU host: it is OpenAI's global host, where requests may be processed anywhere/,
      );
      expect(lines.find((line) => line.startsWith('anthropic'))).toMatch(
        /^anthropic\s+api\.anthropic\.com\s+eu-central-1\s+blocked\s+anthropic endpoint api\.anthropic\.com is not an EU host: it is Anthropic's global host/,
      );
      expect(lines.find((line) => line.startsWith('local'))).toMatch(
        /^local\s+localhost\s+on-premise\s+allowed\s+local endpoint localhost is on-premise/,
      );
      const mistakes = lines.filter((line) => line.includes('mistake'));
      expect(mistakes).toHaveLength(1);
      expect(mistakes[0]).toContain('declaring region eu-west-1 for openai (api.openai.com)');
      expect(stdout).toContain('not EU-compliant: openai, anthropic');
    },
  );

  it('budget exits 0 and shows phase 1 at €450 a day and €12,000 a month', { timeout: 120_000 }, () => {
    const dir = samplesDir();
    const { code, stdout, stderr } = aos(dir, ['budget']);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('budget of phase 1 (global caps, UTC): €450.00 a day, €12,000.00 a month');
    expect(stdout).toMatch(/day\s+spent €0\.00 \+ reserved €0\.00 of €450\.00/);
    expect(stdout).toMatch(/month\s+spent €0\.00 \+ reserved €0\.00 of €12,000\.00/);
    // The sample's single rates for OpenAI and Anthropic are worth a warning, not a refusal.
    expect(stderr).toContain('providers.openai.cost_per_1k_tokens.gpt-4o: one rate');
  });

  it(
    'npm start starts, routes only to the compliant local server and says which vendors were removed and why',
    { timeout: 120_000 },
    async () => {
      const dir = samplesDir();
      const key = generateAppKey();
      const server = await startAosServer({
        githubHost: '127.0.0.1:9',
        modelUrl: 'http://127.0.0.1:9/v1',
        privateKey: key.privateKey,
        webhookSecret: 'unused',
        env: { AOS_CONFIG_DIR: dir, OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'sk-ant-test' },
      });
      try {
        const logs = server.logs();
        expect(logs).toContain('residency: routing to local (EU-compliant)');
        expect(logs).toContain(
          "residency: openai removed from routing: openai endpoint api.openai.com is not an EU host: it is OpenAI's global host",
        );
        expect(logs).toContain(
          "residency: anthropic removed from routing: anthropic endpoint api.anthropic.com is not an EU host: it is Anthropic's global host",
        );
        expect(logs.split('\n').filter((line) => line.includes('mistake'))).toHaveLength(1);
      } finally {
        await server.stop();
      }
    },
  );

  it('npm start refuses an invalid sample with one line naming file, line and path, and exit code 2', { timeout: 120_000 }, () => {
    const dir = samplesDir();
    const file = path.join(dir, 'policies/finops.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('daily_eur_cap: 450', 'daily_eur_cap: -450'));
    const result = spawnSync(process.execPath, ['bin/start-server.mjs'], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), AOS_CONFIG_DIR: dir, AOS_DATA_DIR: path.join(dir, '.aos') },
      encoding: 'utf8',
      timeout: 110_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([`${file}:4: phases.1.daily_eur_cap: a cap must be greater than 0`]);
  });
});
