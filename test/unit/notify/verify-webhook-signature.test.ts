import { describe, expect, it } from 'vitest';
import { AosError } from '#src/observability/aos-error.ts';
import { signWebhookBody } from '#src/notify/sign-webhook-body.ts';
import { verifyWebhookSignature } from '#src/notify/verify-webhook-signature.ts';

const secret = 'shared-secret';
const body = JSON.stringify({ type: 'run.finished', correlation_id: 'run-1' });
const now = Date.parse('2026-11-22T12:00:00Z');
const timestamp = Math.floor(now / 1000);

describe('verifyWebhookSignature', () => {
  it('accepts a body signed with the shared secret', () => {
    const signature = signWebhookBody({ body, timestamp, secret });
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ body, timestamp: String(timestamp), signature, secret, now })).toEqual({ ok: true });
  });

  it('rejects a signature made with another secret, or over another body or timestamp', () => {
    const signature = signWebhookBody({ body, timestamp, secret: 'other-secret' });
    expect(verifyWebhookSignature({ body, timestamp, signature, secret, now })).toEqual({ ok: false, reason: 'bad_signature' });
    const good = signWebhookBody({ body, timestamp, secret });
    expect(verifyWebhookSignature({ body: `${body} `, timestamp, signature: good, secret, now })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyWebhookSignature({ body, timestamp: timestamp + 1, signature: good, secret, now })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('calls a correctly signed request replayed later stale', () => {
    const old = timestamp - 301;
    const signature = signWebhookBody({ body, timestamp: old, secret });
    expect(verifyWebhookSignature({ body, timestamp: old, signature, secret, now })).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifyWebhookSignature({ body, timestamp: old, signature, secret, now, toleranceSeconds: 600 })).toEqual({ ok: true });
  });

  it('calls missing or misshapen headers malformed', () => {
    const signature = signWebhookBody({ body, timestamp, secret });
    expect(verifyWebhookSignature({ body, timestamp: undefined, signature, secret, now })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyWebhookSignature({ body, timestamp: 'yesterday', signature, secret, now })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyWebhookSignature({ body, timestamp, signature: signature.slice('sha256='.length), secret, now })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verifyWebhookSignature({ body, timestamp, signature: 'sha256=abc', secret, now })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyWebhookSignature({ body, timestamp, signature: null, secret, now })).toEqual({ ok: false, reason: 'malformed' });
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1])(
    'refuses a tolerance of %d instead of accepting every timestamp',
    (toleranceSeconds) => {
      const old = timestamp - 10 * 365 * 24 * 3600;
      const signature = signWebhookBody({ body, timestamp: old, secret });
      const check = () => verifyWebhookSignature({ body, timestamp: old, signature, secret, now, toleranceSeconds });
      expect(check).toThrow(AosError);
      expect(check).toThrow(`toleranceSeconds must be a finite number of seconds, 0 or more (got ${toleranceSeconds})`);
    },
  );

  it('accepts a tolerance of 0: only the current second', () => {
    const signature = signWebhookBody({ body, timestamp, secret });
    expect(verifyWebhookSignature({ body, timestamp, signature, secret, now, toleranceSeconds: 0 })).toEqual({ ok: true });
  });
});
