import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AosError } from '#src/observability/aos-error.ts';
import { createLogger, withCorrelation, type CreateLoggerOptions } from '#src/observability/logger.ts';
import { FAKE_SECRETS, PEM_KEY } from './fake-secrets.ts';

const GITHUB_TOKEN = 'ghp_gfsg6zyFZwOFLdZhUK64Avutx2d78JcVN34t';
const OPENAI_KEY = 'sk-d9JGJAuSvzKDBn8dpbigjxwJXW0aKiL28IlMeyEZHS98qK0y';
const BEARER = '0yAcFieDJYp9i+BoHKRjmq1ox8Kq5sDBINiHqUnHEiZR';

function capture(options: Omit<CreateLoggerOptions, 'destination'> = {}) {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = createLogger({ level: 'debug', ...options, destination });
  const raw = () => chunks.join('');
  const lines = () =>
    raw()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, raw, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line with level and message', () => {
    const { logger, lines } = capture();
    logger.info({ repo: 'acme/widgets' }, 'run started');
    logger.debug('checkpoint');
    expect(lines()).toEqual([
      expect.objectContaining({ level: 30, msg: 'run started', repo: 'acme/widgets' }),
      expect.objectContaining({ level: 20, msg: 'checkpoint' }),
    ]);
  });

  it('honours the level and the base fields', () => {
    const { logger, lines } = capture({ level: 'warn', base: { service: 'aos' } });
    logger.info('dropped');
    logger.warn('kept');
    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toMatchObject({ msg: 'kept', service: 'aos' });
    expect(lines()[0]).not.toHaveProperty('pid');
  });

  it('never writes an Authorization header, a private key in the message or an apiKey field', () => {
    const { logger, raw, lines } = capture();
    logger.info({ req: { method: 'POST', headers: { authorization: `Bearer ${BEARER}` } } }, 'webhook received');
    logger.info({ headers: { Authorization: `token ${GITHUB_TOKEN}` } }, 'calling GitHub');
    logger.error(`could not sign the app JWT with ${PEM_KEY}`);
    logger.warn({ apiKey: OPENAI_KEY, provider: 'openai' }, 'provider configured');
    const text = raw();
    for (const secret of [BEARER, GITHUB_TOKEN, 'PRIVATE KEY', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', OPENAI_KEY]) {
      expect(text).not.toContain(secret);
    }
    expect(lines()[2]?.msg).toBe('could not sign the app JWT with [REDACTED]');
    expect(lines()[3]).toMatchObject({ apiKey: '[REDACTED]', provider: 'openai' });
  });

  it.each(FAKE_SECRETS)('keeps a $kind out of messages and logged objects', ({ text, secret }) => {
    const { logger, raw } = capture();
    logger.info({ detail: { output: `tool said ${text}` } }, `step failed: ${text}`);
    expect(raw()).not.toContain(secret);
  });

  it('redacts interpolation arguments and child bindings', () => {
    const { logger, raw, lines } = capture();
    logger.info('cloning with %s', GITHUB_TOKEN);
    logger.info('payload %j', { nested: { token: 'abc123def456' } });
    logger.child({ token: GITHUB_TOKEN, remote: `https://x:${GITHUB_TOKEN}@github.com` }).info('child line');
    expect(raw()).not.toContain(GITHUB_TOKEN);
    expect(raw()).not.toContain('abc123def456');
    expect(lines()[0]?.msg).toBe('cloning with [REDACTED]');
  });

  it('serializes errors with their type and redacted message', () => {
    const { logger, raw, lines } = capture();
    logger.error(new AosError('git_failed', `push rejected for ${GITHUB_TOKEN}`));
    logger.error({ err: new Error(`bad key ${OPENAI_KEY}`) }, 'provider call failed');
    expect(raw()).not.toContain(GITHUB_TOKEN);
    expect(raw()).not.toContain(OPENAI_KEY);
    expect(lines()[0]).toMatchObject({ msg: 'push rejected for [REDACTED]', err: { type: 'AosError', code: 'git_failed' } });
    expect(lines()[1]).toMatchObject({ msg: 'provider call failed', err: { type: 'Error', message: 'bad key [REDACTED]' } });
  });

  it('logs a cyclic object without throwing', () => {
    const { logger, lines } = capture();
    const state: Record<string, unknown> = { phase: 'coder' };
    state.self = state;
    expect(() => logger.info({ state }, 'checkpoint')).not.toThrow();
    expect(lines()[0]).toMatchObject({ msg: 'checkpoint', state: { phase: 'coder', self: '[Circular]' } });
  });

  it('writes readable, still redacted, text in pretty format', () => {
    const { logger, raw } = capture({ format: 'pretty' });
    logger.info({ apiKey: OPENAI_KEY }, 'hello %s', GITHUB_TOKEN);
    expect(raw()).toContain('hello [REDACTED]');
    expect(() => JSON.parse(raw().split('\n')[0] ?? '')).toThrow();
    expect(raw()).not.toContain(GITHUB_TOKEN);
    expect(raw()).not.toContain(OPENAI_KEY);
  });
});

describe('withCorrelation', () => {
  it('puts correlation_id and the extra bindings on every line, children included', () => {
    const { logger, lines } = capture();
    const runLogger = withCorrelation(logger, 'run-7f3a', { repo: 'acme/widgets' });
    runLogger.info('planning');
    runLogger.child({ node: 'critic' }).warn('two findings');
    logger.info('unrelated');
    expect(lines()[0]).toMatchObject({ correlation_id: 'run-7f3a', repo: 'acme/widgets', msg: 'planning' });
    expect(lines()[1]).toMatchObject({ correlation_id: 'run-7f3a', node: 'critic', msg: 'two findings' });
    expect(lines()[2]).not.toHaveProperty('correlation_id');
  });

  it('redacts secrets passed as extra bindings', () => {
    const { logger, raw, lines } = capture();
    withCorrelation(logger, 'delivery-1', { authorization: `Bearer ${BEARER}` }).info('hi');
    expect(raw()).not.toContain(BEARER);
    expect(lines()[0]).toMatchObject({ correlation_id: 'delivery-1', authorization: '[REDACTED]' });
  });

  it('redacts secret-named bindings of children, grandchildren and setBindings', () => {
    const { logger, raw, lines } = capture();
    const child = withCorrelation(logger, 'run-1', { password: 'hunter2' });
    child.child({ db: { user: 'aos', password: 'swordfish' } }).info('grandchild');
    child.setBindings({ cookie: 'session=opensesame' });
    child.info('rebound');
    expect(raw()).not.toMatch(/hunter2|swordfish|opensesame/);
    expect(lines()[0]).toMatchObject({ correlation_id: 'run-1', password: '[REDACTED]', db: { user: 'aos', password: '[REDACTED]' } });
    expect(lines()[1]).toMatchObject({ correlation_id: 'run-1', cookie: '[REDACTED]' });
  });
});
