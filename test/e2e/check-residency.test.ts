import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const temps: string[] = [];

/** A temporary AOS_CONFIG_DIR holding copies of the project's policies/ and configs/. */
function configDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aos-residency-'));
  temps.push(dir);
  for (const folder of ['policies', 'configs']) fs.cpSync(path.join(PROJECT_ROOT, folder), path.join(dir, folder), { recursive: true });
  return dir;
}

/** Runs `aos check-residency` as a child process (in `cwd`, default the project) with only the given endpoint overrides. */
function checkResidency(dir: string, args: string[], env: Record<string, string> = {}, cwd = PROJECT_ROOT) {
  const base = { ...process.env };
  for (const name of ['OPENAI_BASE_URL', 'ANTHROPIC_BASE_URL', 'AOS_LOCAL_LLM_URL']) delete base[name];
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin/aos.mjs'), 'check-residency', ...args], {
    cwd,
    env: { ...base, AOS_CONFIG_DIR: dir, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

describe('aos check-residency', () => {
  it('exits 1 on the shipped configuration, naming anthropic as blocked', () => {
    const dir = configDir();
    const { code, stdout } = checkResidency(dir, ['--output', path.join(dir, 'out.csv')]);
    expect(code).toBe(1);
    const anthropic = stdout.split('\n').find((line) => line.startsWith('anthropic'));
    expect(anthropic).toMatch(/api\.anthropic\.com\s+global\s+blocked\s+anthropic endpoint api\.anthropic\.com is not an EU host/);
    expect(stdout).toMatch(/^openai\s+eu\.api\.openai\.com\s+eu\s+allowed/m);
    expect(stdout).toMatch(/^local\s+127\.0\.0\.1\s+on-premise\s+allowed/m);
    expect(stdout).toContain('not EU-compliant: anthropic');
  });

  it('exits 0 when anthropic goes through Bedrock in an EU region with in-region model ids', () => {
    const dir = configDir();
    const { code, stdout } = checkResidency(dir, ['--json', '--output', path.join(dir, 'out.csv')], {
      ANTHROPIC_BASE_URL: 'https://bedrock-runtime.eu-central-1.amazonaws.com',
    });
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      ok: boolean;
      vendors: Array<{ vendor: string; decision: string; endpoint_env: string | null; reason: string }>;
    };
    expect(report.ok).toBe(true);
    expect(report.vendors.map((vendor) => [vendor.vendor, vendor.decision])).toEqual([
      ['openai', 'allowed'],
      ['anthropic', 'allowed'],
      ['local', 'allowed'],
    ]);
    const anthropic = report.vendors.find((vendor) => vendor.vendor === 'anthropic');
    expect(anthropic?.endpoint_env).toBe('ANTHROPIC_BASE_URL');
    expect(anthropic?.reason).toContain('in-region model claude-');
  });

  it('prints parseable JSON with --json, also when a vendor is blocked', () => {
    const dir = configDir();
    const { code, stdout } = checkResidency(dir, ['--json', '--output', path.join(dir, 'out.csv')], {
      OPENAI_BASE_URL: 'https://api.openai.com/v1',
    });
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as {
      ok: boolean;
      enforce_eu_residency: boolean;
      vendors: Array<{ vendor: string; endpoint_host: string; decision: string; compliant: boolean; reason: string }>;
    };
    expect(report).toMatchObject({ ok: false, enforce_eu_residency: true });
    expect(report.vendors.find((vendor) => vendor.vendor === 'openai')).toMatchObject({
      endpoint_host: 'api.openai.com',
      decision: 'blocked',
      compliant: false,
      reason: expect.stringContaining('set OPENAI_BASE_URL=https://eu.api.openai.com/v1'),
    });
  });

  it('writes the CSV with the documented columns', () => {
    const dir = configDir();
    const csv = path.join(dir, 'nested', 'vendor_region_distribution.csv');
    const { code, stderr } = checkResidency(dir, ['--output', csv]);
    expect(code).toBe(1);
    expect(stderr).toContain(`wrote ${csv}`);
    const [header, ...rows] = fs.readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(header).toBe('timestamp,vendor,endpoint_host,declared_region,decision,compliant,reason');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z,openai,eu\.api\.openai\.com,eu,allowed,true,/);
    expect(rows[1]).toMatch(
      /^[^,]+,anthropic,api\.anthropic\.com,global,blocked,false,"anthropic endpoint api\.anthropic\.com is not an EU host: it is Anthropic.s global host, where requests may be processed anywhere \(EU hosts for anthropic: bedrock-runtime/,
    );
    expect(rows[2]).toMatch(/^[^,]+,local,127\.0\.0\.1,on-premise,allowed,true,/);
  });

  it('writes no file without --output', () => {
    const dir = configDir();
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'aos-residency-cwd-'));
    temps.push(cwd);
    const { code, stdout, stderr } = checkResidency(dir, ['--json'], {}, cwd);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, csv: null });
    expect(stderr).not.toContain('wrote');
    expect(fs.readdirSync(cwd)).toEqual([]);
    expect(fs.readdirSync(dir).sort()).toEqual(['configs', 'policies']);
  });

  it('reports warn mode as non_compliant_allowed and still exits 1', () => {
    const dir = configDir();
    const file = path.join(dir, 'configs/vendor_residency.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('block_non_eu_requests: true', 'block_non_eu_requests: false'));
    const { code, stdout } = checkResidency(dir, ['--output', path.join(dir, 'out.csv')]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^anthropic\s+api\.anthropic\.com\s+global\s+non_compliant_allowed\s+.*block_non_eu_requests is false/m);
  });

  it('exits 2 on a broken YAML file and names it', () => {
    const dir = configDir();
    fs.writeFileSync(path.join(dir, 'configs/vendor_residency.yaml'), 'enforce_eu_residency: true\nvendors: [unclosed\n');
    const csv = path.join(dir, 'out.csv');
    const { code, stderr } = checkResidency(dir, ['--output', csv]);
    expect(code).toBe(2);
    expect(stderr).toContain('vendor_residency.yaml');
    expect(fs.existsSync(csv)).toBe(false);
  });

  it('exits 2 on a bad endpoint override', () => {
    const dir = configDir();
    const { code, stderr } = checkResidency(dir, ['--output', path.join(dir, 'out.csv')], { OPENAI_BASE_URL: 'not-a-url' });
    expect(code).toBe(2);
    expect(stderr).toContain('OPENAI_BASE_URL');
  });

  it('exits 2 on an unknown option', () => {
    const dir = configDir();
    const { code, stderr } = checkResidency(dir, ['--bogus']);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: aos check-residency');
  });
});
