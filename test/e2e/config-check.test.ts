import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FILES = ['policies/finops.yaml', 'configs/model_routing.yaml', 'configs/vendor_residency.yaml'];
const temps: string[] = [];

/** A fresh AOS_CONFIG_DIR holding the three files of `from` (the spec samples, the deprecated fixture, the project). */
function configDir(from: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aos-config-check-'));
  temps.push(dir);
  for (const file of FILES) fs.cpSync(path.join(from, file), path.join(dir, file));
  return dir;
}
const SAMPLES = path.join(PROJECT_ROOT, 'test/fixtures/spec-samples');
const DEPRECATED = path.join(PROJECT_ROOT, 'test/fixtures/deprecated-config');

/** `aos config check` as a child process on `dir`, with a clean environment. */
function configCheck(dir: string, args: string[] = [], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['bin/aos.mjs', 'config', 'check', ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), AOS_CONFIG_DIR: dir, ...env },
    encoding: 'utf8',
    timeout: 110_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Report {
  valid: boolean;
  problems: string[];
  warnings: string[];
  settings: Array<{ file: string; path: string; value: unknown; origin: string }>;
  residency: Array<{ vendor: string; endpoint_host: string; decision: string; reason: string }>;
  residency_note: string | null;
  routing: Record<
    string,
    {
      max_tokens: number | null;
      candidates: Array<{ provider: string; model: string }>;
      skipped: Array<{ provider: string; cause: string; reason: string }>;
    }
  >;
}

afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

describe('aos config check', () => {
  it(
    "prints every setting of the specification's samples with its origin, the residency decisions and the routing, and exits 1",
    { timeout: 120_000 },
    () => {
      const dir = configDir(SAMPLES);
      const { code, stdout } = configCheck(dir);
      expect(code).toBe(1);
      expect(stdout).toMatch(/^ {4}phases\.1\.daily_eur_cap = 450 +policies\/finops\.yaml:4$/m);
      expect(stdout).toMatch(/^ {4}alerts\.channels\[0\]\.destination = #finops-alerts +policies\/finops\.yaml:39$/m);
      expect(stdout).toMatch(/^ {4}run_default_cap_eur = 5 +default$/m);
      expect(stdout).toMatch(/^ {4}providers\.openai\.models\.planning = gpt-4o-mini +configs\/model_routing\.yaml:10$/m);
      expect(stdout).toMatch(/^ {4}vendors\.openai\.eu_host_patterns = \[eu\.api\.openai\.com\] +built-in: aos's EU hosts for OpenAI$/m);
      expect(stdout).toMatch(/^ {4}AOS_CONFIG_DIR = .+ +environment variable$/m);
      expect(stdout).toMatch(/^ {2}configs\/model_routing\.yaml:16: providers\.openai\.cost_per_1k_tokens\.gpt-4o: one rate/m);
      expect(stdout).toMatch(/^ {2}openai +api\.openai\.com +blocked +openai endpoint api\.openai\.com is not an EU host/m);
      expect(stdout).toMatch(/^ {2}local +localhost +allowed +local endpoint localhost is on-premise/m);
      expect(stdout.split('\n').filter((line) => line.includes('mistake'))).toHaveLength(1);
      expect(stdout).toMatch(/^ {2}planning \(max_tokens 4000\): local \(local-llm\)$/m);
      expect(stdout).toMatch(/^ {2}coding \(max_tokens 16000\): local \(local-llm\)$/m);
      expect(stdout).toMatch(
        /^ {4}not anthropic \(claude-3-5-sonnet-20241022\): unconfigured: anthropic is not configured \(set ANTHROPIC_API_KEY\); residency would block it too: anthropic endpoint api\.anthropic\.com is not an EU host/m,
      );
      expect(stdout).toContain('valid, with 3 warnings and 2 vendors that are not EU-compliant');
    },
  );

  it('says the same as JSON with --json, and names an environment variable that replaced a setting', { timeout: 120_000 }, () => {
    const dir = configDir(SAMPLES);
    const { code, stdout } = configCheck(dir, ['--json'], {
      OPENAI_BASE_URL: 'https://eu.api.openai.com/v1',
      OPENAI_API_KEY: 'sk-test',
      ANTHROPIC_API_KEY: 'sk-ant-test',
    });
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Report;
    expect(report.valid).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.warnings).toHaveLength(3);
    expect(report.settings).toContainEqual({
      file: path.join(dir, 'policies/finops.yaml'),
      path: 'phases.1.daily_eur_cap',
      value: 450,
      origin: `${path.join(dir, 'policies/finops.yaml')}:4`,
    });
    expect(report.settings).toContainEqual({
      file: path.join(dir, 'configs/vendor_residency.yaml'),
      path: 'vendors.openai.endpoint',
      value: 'https://eu.api.openai.com/v1',
      origin: 'environment variable OPENAI_BASE_URL',
    });
    expect(report.settings).toContainEqual({ file: 'environment', path: 'OPENAI_API_KEY', value: '(set)', origin: 'environment variable' });
    expect(JSON.stringify(report)).not.toMatch(/sk-test|sk-ant-test/);
    expect(report.residency.map((row) => [row.vendor, row.decision])).toEqual([
      ['openai', 'allowed'],
      ['anthropic', 'blocked'],
      ['local', 'allowed'],
    ]);
    expect(report.routing.planning).toMatchObject({
      max_tokens: 4000,
      candidates: [
        { provider: 'openai', model: 'gpt-4o-mini' },
        { provider: 'local', model: 'local-llm' },
      ],
    });
    expect(report.routing.coding?.skipped).toEqual([expect.objectContaining({ provider: 'anthropic', cause: 'residency' })]);
  });

  it('exits 0 when everything is valid, in the new names and every vendor compliant', { timeout: 120_000 }, () => {
    const dir = configDir(PROJECT_ROOT);
    const { code, stdout } = configCheck(dir, [], { ANTHROPIC_BASE_URL: 'https://bedrock-runtime.eu-central-1.amazonaws.com' });
    expect(code).toBe(0);
    expect(stdout).toContain('valid: no warnings, every vendor EU-compliant');
  });

  it('exits 1 on the deprecated names, listing each deprecation and where each setting was written', { timeout: 120_000 }, () => {
    const dir = configDir(DEPRECATED);
    const { code, stdout } = configCheck(dir, [], { ANTHROPIC_BASE_URL: 'https://bedrock-runtime.eu-central-1.amazonaws.com' });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^ {2}policies\/finops\.yaml:12: phases\.phase_1\.daily_cap_eur: deprecated: use daily_eur_cap/m);
    expect(stdout).toMatch(
      /^ {4}phases\.1\.daily_eur_cap = 450 +policies\/finops\.yaml:12 \(written as phases\.phase_1\.daily_cap_eur\)$/m,
    );
    expect(stdout).toMatch(
      /^ {4}providers\.openai\.prices\.gpt-4o\.input_per_1k_eur = 0\.002175 +policies\/finops\.yaml:40 \(written as providers\.openai\.models\.gpt-4o\.input_per_1k_eur\)$/m,
    );
  });

  it('exits 2 on an invalid file, with the one line naming file, line, path and problem', { timeout: 120_000 }, () => {
    const dir = configDir(SAMPLES);
    const file = path.join(dir, 'configs/vendor_residency.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('logging_enabled: true', 'logging_enabled: maybe'));
    const { code, stdout } = configCheck(dir, ['--json']);
    expect(code).toBe(2);
    const report = JSON.parse(stdout) as Report;
    expect(report).toMatchObject({
      valid: false,
      problems: [`${file}:28: vendors.local.logging_enabled: Invalid input: expected boolean, received string`],
      settings: [],
    });
  });

  it('exits 2 on bad usage', { timeout: 120_000 }, () => {
    const { code, stderr } = configCheck(configDir(SAMPLES), ['everything']);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: aos config check');
  });
});
