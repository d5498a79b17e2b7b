import { timingSafeEqual } from 'node:crypto';
import { AosError } from '../observability/aos-error.ts';
import { signWebhookBody } from './sign-webhook-body.ts';

/** The answer of {@link verifyWebhookSignature}. */
export type WebhookSignatureCheck = { ok: true } | { ok: false; reason: 'bad_signature' | 'stale_timestamp' | 'malformed' };

/** Options of {@link verifyWebhookSignature}. */
export interface VerifyWebhookSignatureOptions {
  /** The raw request body, exactly as received. */
  body: string;
  /** The `X-AOS-Timestamp` header: unix seconds. */
  timestamp: string | number | null | undefined;
  /** The `X-AOS-Signature` header: `sha256=<hex>`. */
  signature: string | null | undefined;
  secret: string;
  /** Largest accepted distance between the timestamp and `now`, in seconds, finite and 0 or more; default 300. */
  toleranceSeconds?: number;
  /** The receiver's clock in milliseconds; default `Date.now()`. */
  now?: number;
}

/**
 * For receivers of aos webhooks: checks the HMAC-SHA256 signature in constant time, and rejects a
 * timestamp outside the tolerance so a captured request cannot be replayed later. Throws an
 * AosError (`invalid_tolerance`) for a tolerance that is not a finite number of seconds, 0 or
 * more: NaN or Infinity would accept a request of any age, a negative one none.
 */
export function verifyWebhookSignature(options: VerifyWebhookSignatureOptions): WebhookSignatureCheck {
  const tolerance = options.toleranceSeconds ?? 300;
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0) {
    throw new AosError('invalid_tolerance', `toleranceSeconds must be a finite number of seconds, 0 or more (got ${String(tolerance)})`);
  }
  const timestamp = String(options.timestamp ?? '');
  const match = /^sha256=([0-9a-f]{64})$/i.exec(options.signature ?? '');
  if (!/^\d{1,12}$/.test(timestamp) || !match) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(signWebhookBody({ body: options.body, timestamp, secret: options.secret }).slice('sha256='.length), 'hex');
  const given = Buffer.from(match[1]!.toLowerCase(), 'hex');
  if (!timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
  // Checked after the signature, so an attacker learns nothing about timing windows from unsigned requests.
  const ageSeconds = Math.abs((options.now ?? Date.now()) / 1000 - Number(timestamp));
  if (ageSeconds > tolerance) return { ok: false, reason: 'stale_timestamp' };
  return { ok: true };
}
