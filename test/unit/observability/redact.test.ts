import { describe, expect, it } from 'vitest';
import { REDACTED, SECRET_PATTERNS, redactSecrets, redactValue } from '#src/observability/redact.ts';
import { FAKE_SECRETS, PEM_KEY } from './fake-secrets.ts';

describe('redactSecrets', () => {
  it.each(FAKE_SECRETS)('removes a $kind from free text and keeps the words around it', ({ text, secret, kept }) => {
    const result = redactSecrets(`push failed with ${text} while deploying`);
    expect(result).not.toContain(secret);
    expect(result).toContain(REDACTED);
    expect(result.startsWith('push failed with ')).toBe(true);
    expect(result.endsWith(' while deploying')).toBe(true);
    if (kept !== undefined) expect(result).toContain(`${kept}${REDACTED}`);
  });

  it('keeps the user of a URL and redacts only its password', () => {
    expect(redactSecrets('postgres://user:pass@db:5432/aos')).toBe(`postgres://user:${REDACTED}@db:5432/aos`);
    expect(redactSecrets('redis://:s3cr3t-pw@127.0.0.1:6379/0')).toBe(`redis://:${REDACTED}@127.0.0.1:6379/0`);
  });

  it('redacts a token embedded as URL credentials in a git remote', () => {
    const remote = 'https://x-access-token:ghs_CYt0ZjU02kpXxCtryjgnU5C6rhgjlMx4LSEx@github.com/acme/widgets.git';
    expect(redactSecrets(remote)).toBe(`https://x-access-token:${REDACTED}@github.com/acme/widgets.git`);
  });

  it('replaces a whole PEM block, header and footer included', () => {
    expect(redactSecrets(`key:\n${PEM_KEY}\nend`)).toBe(`key:\n${REDACTED}\nend`);
    const openssh = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----';
    expect(redactSecrets(openssh)).toBe(REDACTED);
  });

  it('redacts a PEM block cut off before its END line', () => {
    const truncated = PEM_KEY.slice(0, 120);
    const result = redactSecrets(`key: ${truncated}`);
    expect(result).toBe(`key: ${REDACTED}`);
  });

  it('keeps a JSON-encoded line valid JSON while redacting inside it', () => {
    const line = JSON.stringify({
      msg: `signing with ${PEM_KEY}`,
      cut: PEM_KEY.slice(0, 90),
      auth: 'Authorization: "Bearer abcdefgh12345678"',
    });
    const parsed = JSON.parse(redactSecrets(line)) as Record<string, string>;
    expect(parsed.msg).toBe(`signing with ${REDACTED}`);
    expect(parsed.cut).toBe(REDACTED);
  });

  it('leaves ordinary text alone', () => {
    const ordinary = [
      'sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      'commit 3e1f0c2b7a9d4e5f6a7b8c9d0e1f2a3b4c5d6e7f',
      'see https://github.com/acme/widgets/pull/42 and http://localhost:3000/aos/runs?id=7',
      'the token expired, so refresh the token before the next call',
      'max_tokens: 4096, inputTokens=1200',
      'run 0b6f6d3e-2f43-4c1a-9d7e-3a1b2c4d5e6f finished',
      'npm install task-runner-for-big-projects; pip install scikit-learn',
      'AKIA is the prefix of AWS access key ids',
    ];
    for (const text of ordinary) expect(redactSecrets(text)).toBe(text);
  });
});

describe('SECRET_PATTERNS', () => {
  it('has unique names and patterns that are safe to .test() repeatedly', () => {
    const names = SECRET_PATTERNS.map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
    for (const { pattern } of SECRET_PATTERNS) expect(pattern.flags).not.toContain('g');
  });

  it.each(FAKE_SECRETS)('detects a $kind', ({ text }) => {
    const found = SECRET_PATTERNS.filter(({ pattern }) => pattern.test(text) && pattern.test(text));
    expect(found.length).toBeGreaterThan(0);
  });

  it('names the vendor of a key', () => {
    const namesFor = (text: string) => SECRET_PATTERNS.filter(({ pattern }) => pattern.test(text)).map((e) => e.name);
    expect(namesFor('sk-ant-api03-9Phr3KnlbcIcR00oT9YwYic36UqM0EXX')).toEqual(['anthropic-key']);
    expect(namesFor('sk-proj-U4L5QqAQFZFf56DqUjKDBwZSAPS68Pla')).toEqual(['openai-key']);
  });
});

describe('redactValue', () => {
  it.each(FAKE_SECRETS)('removes a $kind nested deep in objects and arrays', ({ text, secret }) => {
    const input = { run: { steps: [{ output: `step said ${text}` }, 'plain'], note: text } };
    const output = redactValue(input);
    expect(JSON.stringify(output)).not.toContain(secret);
    expect(output).toMatchObject({ run: { steps: [{ output: expect.stringContaining('step said ') as unknown }, 'plain'] } });
  });

  it('replaces the value of every key named like a secret, whatever the case or separator', () => {
    const keys = [
      'authorization',
      'Authorization',
      'token',
      'TOKEN',
      'access_token',
      'secret',
      'password',
      'private_key',
      'privateKey',
      'api_key',
      'apiKey',
      'x-api-key',
      'X-Api-Key',
      'cookie',
      'webhook_secret',
      'signing_secret',
    ];
    const input = Object.fromEntries(keys.map((key) => [key, 'plain-looking-value']));
    const output = redactValue({ nested: [input] }) as { nested: Array<Record<string, unknown>> };
    for (const key of keys) expect(output.nested[0]?.[key]).toBe(REDACTED);
  });

  it('keeps counts and other keys that merely contain a secret-ish word', () => {
    const input = { max_tokens: 4096, inputTokens: 12, tokenizer: 'cl100k', secretsFound: 0, passwordPolicy: 'strong', password: null };
    expect(redactValue(input)).toEqual(input);
  });

  it('copies rather than mutates', () => {
    const input = { apiKey: 'sk-d9JGJAuSvzKDBn8dpbigjxwJXW0aKiL28IlMeyEZHS98qK0y', list: ['a'] };
    const output = redactValue(input) as typeof input;
    expect(input.apiKey).toContain('sk-');
    expect(output).not.toBe(input);
    expect(output.list).not.toBe(input.list);
  });

  it('marks cycles and still copies shared, non-cyclic references', () => {
    const shared = { id: 1 };
    const node: Record<string, unknown> = { name: 'root', left: shared, right: shared };
    node.self = node;
    const output = redactValue(node) as Record<string, unknown>;
    expect(output.self).toBe('[Circular]');
    expect(output.left).toEqual({ id: 1 });
    expect(output.right).toEqual({ id: 1 });
  });

  it('stops at the depth limit without throwing', () => {
    let deep: Record<string, unknown> = { leaf: 'ghp_gfsg6zyFZwOFLdZhUK64Avutx2d78JcVN34t' };
    for (let i = 0; i < 100; i += 1) deep = { child: deep };
    const text = JSON.stringify(redactValue(deep));
    expect(text).toContain('[MaxDepth]');
    expect(text).not.toContain('ghp_');
    expect(redactValue({ a: { b: { c: 1 } } }, { maxDepth: 2 })).toEqual({ a: { b: '[MaxDepth]' } });
  });

  it('survives getters that throw', () => {
    const hostile = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get: () => {
        throw new Error('no');
      },
    });
    expect(() => redactValue({ ok: 1, hostile })).not.toThrow();
    expect(redactValue({ ok: 1, hostile })).toEqual({ ok: 1, hostile: '[Unserializable]' });
  });

  it('keeps errors as errors of the same class, with redacted message, stack and fields', () => {
    class GitError extends Error {
      remote = 'https://x-access-token:ghs_CYt0ZjU02kpXxCtryjgnU5C6rhgjlMx4LSEx@github.com/a/b.git';
    }
    const error = new GitError('push failed for ghs_CYt0ZjU02kpXxCtryjgnU5C6rhgjlMx4LSEx', {
      cause: { token: 'abc' },
    });
    const output = redactValue(error) as GitError;
    expect(output).toBeInstanceOf(GitError);
    expect(output.message).toBe(`push failed for ${REDACTED}`);
    expect(output.stack).not.toContain('ghs_');
    expect(output.remote).not.toContain('ghs_');
    expect(output.cause).toEqual({ token: REDACTED });
  });

  it('turns maps, sets, dates, URLs and binary data into loggable copies', () => {
    const output = redactValue({
      map: new Map([
        ['authorization', 'Basic YWxpY2U6czNjcjN0'],
        ['region', 'eu'],
      ]),
      set: new Set(['sk-d9JGJAuSvzKDBn8dpbigjxwJXW0aKiL28IlMeyEZHS98qK0y']),
      at: new Date('2025-01-02T03:04:05Z'),
      url: new URL('https://bot:hunter22@example.com/x'),
      bytes: Buffer.from('secret bytes'),
    });
    expect(output).toEqual({
      map: { authorization: REDACTED, region: 'eu' },
      set: [REDACTED],
      at: new Date('2025-01-02T03:04:05Z'),
      url: `https://bot:${REDACTED}@example.com/x`,
      bytes: '[Binary 12 bytes]',
    });
  });
});
