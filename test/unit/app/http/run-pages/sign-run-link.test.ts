import { describe, expect, it } from 'vitest';
import { runPageUrl } from '#src/app/http/run-pages/run-page-url.ts';
import { signRunLink, verifyRunLink } from '#src/app/http/run-pages/sign-run-link.ts';

const secret = 'unit-test-secret-at-least-32-bytes';
const now = new Date('2026-11-22T12:00:00Z');
const inOneDay = new Date('2026-11-23T12:00:00Z');
const path = '/aos/runs/3f2a9c1e-0000-4000-8000-000000000001';

describe('signRunLink / verifyRunLink', () => {
  it('signs a path with its expiry and verifies it until then', () => {
    const link = signRunLink({ secret, path, expiresAt: inOneDay });
    expect(link).toMatch(new RegExp(`^${path}\\?expires=${inOneDay.getTime() / 1000}&sig=[0-9a-f]{64}$`));
    expect(verifyRunLink({ secret, url: link, now })).toEqual({ ok: true, expiresAt: inOneDay });
    expect(verifyRunLink({ secret, url: `https://aos.example.eu${link}`, now }).ok).toBe(true);
  });

  it('refuses a link at and after its expiry', () => {
    const link = signRunLink({ secret, path, expiresAt: inOneDay });
    expect(verifyRunLink({ secret, url: link, now: inOneDay })).toEqual({ ok: false, reason: 'expired' });
    expect(verifyRunLink({ secret, url: link, now: new Date(inOneDay.getTime() + 1000) })).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a tampered path, a tampered expiry and another secret as bad signatures', () => {
    const link = signRunLink({ secret, path, expiresAt: inOneDay });
    expect(verifyRunLink({ secret, url: link.replace('000000000001', '000000000002'), now })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyRunLink({ secret, url: link.replace('/aos/runs/', '/aos/api/runs/'), now })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const later = link.replace(/expires=\d+/, `expires=${inOneDay.getTime() / 1000 + 3600}`);
    expect(verifyRunLink({ secret, url: later, now })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyRunLink({ secret: 'another-secret', url: link, now })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('checks the signature before the expiry, so an expired forgery is still a bad signature', () => {
    const forged = `${path}?expires=${now.getTime() / 1000 - 10}&sig=${'0'.repeat(64)}`;
    expect(verifyRunLink({ secret, url: forged, now })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('calls a link without expiry or signature missing, and a malformed one bad', () => {
    expect(verifyRunLink({ secret, url: path, now })).toEqual({ ok: false, reason: 'missing' });
    expect(verifyRunLink({ secret, url: `${path}?expires=1`, now })).toEqual({ ok: false, reason: 'missing' });
    expect(verifyRunLink({ secret, url: `${path}?sig=${'a'.repeat(64)}`, now })).toEqual({ ok: false, reason: 'missing' });
    const link = signRunLink({ secret, path, expiresAt: inOneDay });
    expect(verifyRunLink({ secret, url: link.slice(0, -2), now })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyRunLink({ secret, url: link.replace(/expires=\d+/, 'expires=soon'), now })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });
});

describe('runPageUrl', () => {
  it('is an absolute signed link to the run page, valid for 30 days by default', () => {
    const url = runPageUrl('https://aos.example.eu/', secret, 'run-1', undefined, now);
    expect(url.startsWith('https://aos.example.eu/aos/runs/run-1?expires=')).toBe(true);
    const expires = Number(new URL(url).searchParams.get('expires'));
    expect(expires).toBe(now.getTime() / 1000 + 30 * 86_400);
    expect(verifyRunLink({ secret, url, now: new Date(now.getTime() + 29 * 86_400_000) }).ok).toBe(true);
    expect(verifyRunLink({ secret, url, now: new Date(now.getTime() + 31 * 86_400_000) })).toEqual({ ok: false, reason: 'expired' });
  });

  it('encodes the run id into the path it signs', () => {
    const url = runPageUrl('https://aos.example.eu', secret, 'a b', 1, now);
    expect(new URL(url).pathname).toBe('/aos/runs/a%20b');
    expect(verifyRunLink({ secret, url, now }).ok).toBe(true);
  });
});
