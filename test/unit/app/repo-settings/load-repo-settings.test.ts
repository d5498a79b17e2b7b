import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { describe, expect, it } from 'vitest';
import { loadRepoSettings, type LoadRepoSettingsResult } from '#src/app/repo-settings/load-repo-settings.ts';
import { DEFAULT_DENY_GLOBS, DEFAULT_SECRET_FILE_GLOBS } from '#src/policy/edit-guard/check-edit.ts';

const octokit = new ProbotOctokit({ auth: { token: 'test' }, retry: { enabled: false }, throttle: { enabled: false } });
const globalCaps = { dailyCapEur: 450, monthlyCapEur: 12000, runCapEur: 5 };
const contents = (ref = 'main') => nock('https://api.github.com').get('/repos/acme/widgets/contents/.github%2Faos.yml').query({ ref });
const fileReply = (text: string, size = Buffer.byteLength(text)) => ({
  type: 'file',
  encoding: 'base64',
  size,
  name: 'aos.yml',
  path: '.github/aos.yml',
  // GitHub wraps base64 at 60 columns; the decoder must cope.
  content: Buffer.from(text).toString('base64').replace(/.{60}/g, '$&\n'),
  sha: 'abc',
});
const load = (defaultBranch = 'main') => loadRepoSettings({ octokit, owner: 'acme', repo: 'widgets', defaultBranch, globalCaps });
const messageOf = (result: LoadRepoSettingsResult): string => (result.ok ? '' : result.message);

async function failWith(text: string): Promise<string> {
  contents().reply(200, fileReply(text));
  const result = await load();
  expect(result.ok).toBe(false);
  const message = messageOf(result);
  expect(message).toContain('Nothing was run');
  expect(message).toContain('`.github/aos.yml`');
  return message;
}

describe('loadRepoSettings', () => {
  it('reads a valid file from the default branch', async () => {
    const text = [
      'max_iterations: 3',
      'deny_globs: [secrets/**, "**/*.key"]',
      'secret_files: ["config/prod.yml", "*.pem"]',
      'draft: always',
      'reviewers: [bob, "@carol", bob]',
      'budget:',
      '  daily_cap_eur: 20',
      '  monthly_cap_eur: 300',
      '  run_cap_eur: 2.5',
      '',
    ].join('\n');
    contents('trunk').reply(200, fileReply(text));
    const result = await load('trunk');
    expect(result).toEqual({
      ok: true,
      source: 'file',
      settings: {
        maxIterations: 3,
        maxToolCalls: 12,
        denyGlobs: [...DEFAULT_DENY_GLOBS, 'secrets/**', '**/*.key'],
        secretFiles: [...DEFAULT_SECRET_FILE_GLOBS, 'config/prod.yml'],
        draft: 'always',
        reviewers: ['bob', 'carol'],
        budget: { dailyCapEur: 20, monthlyCapEur: 300, runCapEur: 2.5 },
      },
    });
  });

  it('fills defaults for keys the file leaves out', async () => {
    contents().reply(200, fileReply('draft: unless-ready\n'));
    const result = await load();
    expect(result).toMatchObject({
      ok: true,
      source: 'file',
      settings: { maxIterations: 2, denyGlobs: [...DEFAULT_DENY_GLOBS], reviewers: [] },
    });
  });

  it('uses the defaults when the file does not exist', async () => {
    contents().reply(404, { message: 'Not Found' });
    const result = await load();
    expect(result).toEqual({
      ok: true,
      source: 'defaults',
      settings: {
        maxIterations: 2,
        maxToolCalls: 12,
        denyGlobs: [...DEFAULT_DENY_GLOBS],
        secretFiles: [...DEFAULT_SECRET_FILE_GLOBS],
        draft: 'unless-ready',
        reviewers: [],
        budget: { dailyCapEur: undefined, monthlyCapEur: undefined, runCapEur: undefined },
      },
    });
  });

  it('throws other GitHub failures instead of running with defaults', async () => {
    contents().reply(500, { message: 'boom' });
    await expect(load()).rejects.toMatchObject({ status: 500 });
  });

  it('reads max_tool_calls, which may only lower the default cap of 12', async () => {
    contents().reply(200, fileReply('max_tool_calls: 3\n'));
    expect(await load()).toMatchObject({ ok: true, settings: { maxToolCalls: 3 } });
    expect(await failWith('max_tool_calls: 13\n')).toMatch(/max_tool_calls/);
  });

  it('names an unknown key with its line', async () => {
    const message = await failWith('draft: always\nmax_iteration: 3\n');
    expect(message).toMatch(/- line 2, `max_iteration`: unknown key/);
  });

  it.each(['providers', 'base_url', 'openai', 'api_keys'])('refuses the operator-only key %s with a specific error', async (key) => {
    const message = await failWith(`max_iterations: 1\n${key}:\n  x: https://evil.example\n`);
    expect(message).toContain(
      `- line 2, \`${key}\`: ${key} cannot be set per repository: model providers, endpoints and keys are the operator's`,
    );
    expect(message).not.toContain('evil.example');
  });

  it.each([
    ['daily_cap_eur: 451', 'global daily cap of 450 EUR'],
    ['monthly_cap_eur: 20000', 'global monthly cap of 12000 EUR'],
    ['run_cap_eur: 6', 'per-run cap of 5 EUR'],
  ])('refuses a budget above the operator caps: %s', async (line, cap) => {
    const message = await failWith(`budget:\n  ${line}\n`);
    expect(message).toContain(`line 2, \`budget.${line.split(':')[0] ?? ''}\``);
    expect(message).toContain(cap);
  });

  it('refuses a non-positive cap and a daily cap above the monthly one', async () => {
    const message = await failWith('budget:\n  daily_cap_eur: 50\n  monthly_cap_eur: 40\n  run_cap_eur: 0\n');
    expect(message).toContain('daily cap (50 EUR) is greater than the monthly cap (40 EUR)');
    expect(message).toMatch(/line 4, `budget.run_cap_eur`: must be greater than 0/);
  });

  it('refuses a negated deny glob', async () => {
    const message = await failWith('deny_globs:\n  - docs/**\n  - "!.github/workflows/**"\n');
    expect(message).toMatch(/line 3, `deny_globs\[1\]`: negation \("!…"\) is not allowed/);
  });

  it('cannot make a secret file readable again, and refuses globs gitignore cannot read', async () => {
    const message = await failWith('secret_files:\n  - "!.env"\ndeny_globs:\n  - "#comment"\n  - "a//b"\n');
    expect(message).toMatch(/line 2, `secret_files\[0\]`: negation \("!…"\) is not allowed/);
    expect(message).toMatch(/line 4, `deny_globs\[0\]`: the glob starts with "#"/);
    expect(message).toMatch(/line 5, `deny_globs\[1\]`: the glob has an empty segment/);
  });

  it('refuses out-of-range values', async () => {
    const message = await failWith(
      `max_iterations: 9\ndraft: never\nreviewers: [${Array.from({ length: 11 }, (_, i) => `u${i}`).join(', ')}]\n`,
    );
    expect(message).toMatch(/line 1, `max_iterations`/);
    expect(message).toMatch(/line 2, `draft`/);
    expect(message).toMatch(/line 3, `reviewers`: at most 10 reviewers/);
  });

  it('reports a YAML syntax error with its line', async () => {
    const message = await failWith('draft: always\nreviewers: [bob\nmax_iterations: 1\n');
    expect(message).toMatch(/- line \d+: YAML syntax error/);
  });

  it('refuses an empty file rather than silently using defaults', async () => {
    const message = await failWith('# nothing here\n');
    expect(message).toContain('file is empty');
  });

  it('refuses a file over 64 KB', async () => {
    contents().reply(200, fileReply(`# ${'x'.repeat(70_000)}\n`));
    const result = await load();
    expect(messageOf(result)).toContain('the limit is 65536 bytes (64 KB)');
  });

  it('refuses a file whose reported size is over 64 KB even if content is missing', async () => {
    contents().reply(200, { ...fileReply(''), size: 2_000_000, content: '', encoding: 'none' });
    expect(messageOf(await load())).toContain('the file is 2000000 bytes');
  });

  it('refuses a directory at the path', async () => {
    contents().reply(200, [{ type: 'file', name: 'x', path: '.github/aos.yml/x' }]);
    expect(messageOf(await load())).toContain('not a regular file');
  });

  // Text from the file goes into a code span it cannot close, and is rendered inert inside it
  // too, since a code span alone does not protect a mention.
  it('keeps mentions and HTML from the file inside code spans, inert', async () => {
    const message = await failWith('"@everyone ` <img src=x>": 1\n');
    const outsideCode = message.replace(/`[^`\n]*`/g, '');
    expect(outsideCode).not.toContain('@everyone');
    expect(outsideCode).not.toContain('<img');
    expect(message).toContain('`["@\u200Beveryone \' <\u200Bimg src=x>"]`');
    expect(message).not.toMatch(/@everyone|<img/);
  });
});
