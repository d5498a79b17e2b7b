import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { REDACTED, SECRET_PATTERNS, redactSecrets } from '#src/observability/redact.ts';
import { checkAddedLines } from '#src/policy/edit-guard/edit-guard-content.ts';
import type { AddedLine } from '#src/policy/edit-guard/edit-guard-types.ts';
import { findSecret } from '#src/policy/edit-guard/edit-guard-secrets.ts';
import { FAKE_SECRETS } from '../../observability/fake-secrets.ts';

const base64 = (der: Buffer) => der.toString('base64');
const wrap = (text: string) => text.match(/.{1,64}/g) ?? [];
const rsa = (type: 'pkcs1' | 'pkcs8') =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type, format: 'der' },
    publicKeyEncoding: { type: 'spki', format: 'der' },
  });
const rsaPkcs8 = rsa('pkcs8');
const rsaPkcs1 = rsa('pkcs1');
const ecSec1 = generateKeyPairSync('ec', {
  namedCurve: 'P-256',
  privateKeyEncoding: { type: 'sec1', format: 'der' },
  publicKeyEncoding: { type: 'spki', format: 'der' },
});
const ecPkcs8 = generateKeyPairSync('ec', {
  namedCurve: 'P-384',
  privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  publicKeyEncoding: { type: 'spki', format: 'der' },
});
const ed25519 = generateKeyPairSync('ed25519', {
  privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  publicKeyEncoding: { type: 'spki', format: 'der' },
});
// An OpenSSH private key file's body begins with the magic "openssh-key-v1\0".
const openssh = base64(Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), randomBytes(300)]));
const certificate = rootCertificates[0] ?? '';
const certificateBody = certificate
  .split('\n')
  .filter((line) => !line.startsWith('-----'))
  .join('');

const added = (lines: string[]): AddedLine[] => lines.map((text, index) => ({ line: index + 1, text }));

describe('findSecret: vendor tokens', () => {
  it.each(FAKE_SECRETS)('finds a $kind in an added line', ({ text }) => {
    expect(findSecret(`const value = "${text.split('\n')[0] ?? ''}";`)).not.toBeNull();
  });
});

describe('findSecret: private keys without PEM armour, or in lower case', () => {
  it.each([
    ['a PKCS#8 RSA key', base64(rsaPkcs8.privateKey)],
    ['a PKCS#1 RSA key', base64(rsaPkcs1.privateKey)],
    ['a SEC1 EC key', base64(ecSec1.privateKey)],
    ['a PKCS#8 EC key', base64(ecPkcs8.privateKey)],
    ['a PKCS#8 Ed25519 key', base64(ed25519.privateKey)],
    ['an OpenSSH key', openssh],
  ])('finds %s on one line, and on the first line of its 64-column form', (_kind, body) => {
    expect(findSecret(`PRIVATE_KEY=${body}`)).toMatchObject({ name: 'private-key-body' });
    expect(findSecret(wrap(body)[0] ?? '')).toMatchObject({ name: 'private-key-body' });
    const decision = checkAddedLines('config/key.txt', added(['# key', ...wrap(body)]));
    expect(decision).toMatchObject({ allow: false, rule: 'secret', line: 2 });
    expect(decision.allow === false && decision.reason).toContain(
      'a private key (DER in base64, without PEM lines) (private-key-body) on line 2',
    );
  });

  it('finds a PEM block whose armour is in lower case', () => {
    expect(findSecret('-----begin private key-----')).toMatchObject({ name: 'private-key' });
    expect(findSecret('-----Begin Ec Private Key-----')).toMatchObject({ name: 'private-key' });
  });

  it.each([
    ['an X.509 certificate', certificateBody],
    ['an SPKI RSA public key', base64(rsaPkcs8.publicKey)],
    ['an SPKI EC public key', base64(ecSec1.publicKey)],
    ['an SPKI Ed25519 public key', base64(ed25519.publicKey)],
  ])('leaves %s alone: public, and shipped in repositories on purpose', (_kind, body) => {
    expect(body.length).toBeGreaterThan(40);
    expect(findSecret(body)).toBeNull();
    expect(redactSecrets(`trust ${body} here`)).toBe(`trust ${body} here`);
    expect(findSecret(certificate.split('\n')[0] ?? '')).toBeNull();
  });

  it('redacts every line of a header-less key, wrapped or in a JSON log line', () => {
    const body = base64(rsaPkcs8.privateKey);
    const wrapped = wrap(body).join('\n');
    expect(redactSecrets(`key:\n${wrapped}\n`)).toBe(`key:\n${REDACTED}`);
    const json = JSON.stringify({ key: wrapped, next: 'kept' });
    expect(JSON.parse(redactSecrets(json))).toEqual({ key: REDACTED, next: 'kept' });
  });
});

describe('findSecret: placeholders', () => {
  it.each([
    'postgres://admin:Xk9#mQ2$vL8pW@db',
    'postgres://admin:%40Xk9mQ2vL8pW@db.internal/app',
    'redis://:$ecr3tPassw0rd@cache:6379',
    'const url = "postgres://u:${PASS}@a postgres://u:Real9Pass@b";',
    'curl "https://api.example/v1?access_token=9f8e7d6c5b4a39281706"',
    'GET /cb?code=1&client_secret=Zq8vPk3LmN7xR2tW&state=2',
  ])('counts the real-looking password or token in %j', (line) => {
    expect(findSecret(line)).not.toBeNull();
  });

  it.each([
    'postgres://user:password@localhost',
    'postgres://postgres:postgres@127.0.0.1:5432/app',
    'mysql://root:changeme@db',
    'postgres://${USER}:${PASSWORD}@db',
    'postgres://user:$PASSWORD@db',
    'postgres://user:$db_password@db',
    'redis://:{{ redis_password }}@cache',
    'redis://:%s@cache',
    'https://user:%(password)s@host',
    'https://bot:{token}@host',
    'https://bot:xxxxxxxx@host',
    'https://bot:********@host',
    'Authorization: Bearer <token>',
    'Authorization: Bearer ${TOKEN}',
    'curl "https://api.example/v1?access_token=${ACCESS_TOKEN}"',
    'curl "https://api.example/v1?token=your-token-here"',
  ])('takes %j for a placeholder', (line) => {
    expect(findSecret(line)).toBeNull();
  });
});

describe('SECRET_PATTERNS run in linear time', () => {
  // 100,000 characters: a quadratic pattern needs tens of seconds on these, a linear one milliseconds.
  const size = 100_000;
  const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length));
  it.each([
    ['a.'],
    ['eyJ-'],
    ['sk-'],
    ['a://'],
    ['a://:x'],
    ['-----BEGIN PRIVATE KEY-----!'],
    ['-----begin a'],
    ['Bearer '],
    ['authorization: '],
    ['secret_access_key='],
    ['AccountKey='],
    ['?token='],
    ['MIIEvQIBADAN'],
    ['-ghp_aaaaaaaaaaaaaaaaaaaaaaaaa_'],
    ['xoxb-'],
    ['AIza-'],
    ['npm_a'],
    ['glpat-'],
  ])('finds and redacts in one pass over %j repeated', { timeout: 10_000 }, (unit) => {
    const text = fill(unit);
    findSecret(text);
    expect(redactSecrets(text).length).toBeGreaterThan(0);
    for (const { pattern } of SECRET_PATTERNS) pattern.exec(text);
  });
});
