import { describe, expect, it } from 'vitest';
import { describeNetworkError } from '#src/lib/describe-network-error.ts';

describe('describeNetworkError', () => {
  it('reads a timeout from AbortSignal.timeout or an abort', () => {
    expect(describeNetworkError(new DOMException('The operation timed out.', 'TimeoutError'))).toEqual({ kind: 'timeout' });
    expect(describeNetworkError(new DOMException('This operation was aborted', 'AbortError'))).toEqual({ kind: 'timeout' });
  });

  it("takes the system code from fetch's cause, else from the error itself", () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    });
    expect(describeNetworkError(refused)).toEqual({
      kind: 'unreachable',
      code: 'ECONNREFUSED',
      message: 'fetch failed',
      reason: 'ECONNREFUSED',
    });
    expect(describeNetworkError({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND x.test' })).toEqual({
      kind: 'unreachable',
      code: 'ENOTFOUND',
      message: 'getaddrinfo ENOTFOUND x.test',
      reason: 'ENOTFOUND',
    });
  });

  it("without a code, gives the cause's message as the reason, else the error's", () => {
    expect(describeNetworkError(new TypeError('fetch failed', { cause: new Error('bad port') }))).toEqual({
      kind: 'unreachable',
      code: undefined,
      message: 'fetch failed',
      reason: 'bad port',
    });
    expect(describeNetworkError('boom')).toEqual({ kind: 'unreachable', code: undefined, message: 'boom', reason: 'boom' });
  });

  it('removes credentials from URLs in every text', () => {
    const failure = describeNetworkError(
      new TypeError('fetch failed for https://user:secret@registry.test/x', { cause: new Error('no route to http://me:pw@mirror.test') }),
    );
    expect(failure).toEqual({
      kind: 'unreachable',
      code: undefined,
      message: 'fetch failed for https://registry.test/x',
      reason: 'no route to http://mirror.test',
    });
  });
});
