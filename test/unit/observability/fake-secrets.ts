import { generateKeyPairSync } from 'node:crypto';

/**
 * Fake secrets shaped like the real ones (right prefixes, lengths and alphabets). The part that
 * must never survive redaction is `secret`; `text` is how it typically appears in a line.
 */
export interface FakeSecret {
  kind: string;
  text: string;
  secret: string;
  /** Context that redaction keeps, when there is any. */
  kept?: string;
}

const PEM_BODY =
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n' +
  'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n' +
  'NMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZ\n';

export const PEM_KEY = `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}-----END RSA PRIVATE KEY-----`;

// Vendor tokens are assembled at run time so that this file does not itself trip secret scanners
// (or a forge's push protection). Each has its vendor's prefix, alphabet and length.
const join = (...parts: string[]) => parts.join('');
const SLACK_BOT = join('xox', 'b-', '2345678901-2345678901234-', 'AbCdEfGhIjKlMnOpQrStUvWx');
const SLACK_USER = join('xox', 'p-', '2345678901-2345678901234-2345678901234-', '0a1b2c3d4e5f60718293a4b5c6d7e8f9');
const STRIPE_LIVE = join('sk', '_live_', '51HqLyjWDarjtT1zdp7dcXk9mQ2vL8pWzR4tY6uI0oP');
const STRIPE_RESTRICTED = join('rk', '_live_', '51HqLyjWDarjtT1zdp7dcAb3Cd5Ef7Gh9Ij1Kl3Mn5');
const GOOGLE_KEY = join('AI', 'za', 'SyD4-9xK2bLm3nOp4qRs5tUv6wXy7zAb8cD');
const NPM_TOKEN = join('np', 'm_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8');
const GITLAB_PAT = join('gl', 'pat-', 'Xk9mQ2vL8pWzR4tY6uI0');
const AZURE_KEY = join('Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsu', 'Fq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==');

/** A private key in DER form: a real PKCS#8 RSA key, as a config file holds it without PEM lines. */
export const DER_KEY_BASE64 = generateKeyPairSync('rsa', {
  modulusLength: 1024,
  privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  publicKeyEncoding: { type: 'spki', format: 'der' },
}).privateKey.toString('base64');

export const FAKE_SECRETS: FakeSecret[] = [
  { kind: 'ghp_', text: 'ghp_gfsg6zyFZwOFLdZhUK64Avutx2d78JcVN34t', secret: 'gfsg6zyFZwOFLdZhUK64Avutx2d78JcVN34t' },
  { kind: 'gho_', text: 'gho_JdKyY9XAHbMFB9MSZSpLKpjCpJAHxaCvsBnQ', secret: 'JdKyY9XAHbMFB9MSZSpLKpjCpJAHxaCvsBnQ' },
  { kind: 'ghu_', text: 'ghu_yW4YyAemO0rMjNnqCiU5rHHcN2FzHVaKBzOK', secret: 'yW4YyAemO0rMjNnqCiU5rHHcN2FzHVaKBzOK' },
  { kind: 'ghs_', text: 'ghs_CYt0ZjU02kpXxCtryjgnU5C6rhgjlMx4LSEx', secret: 'CYt0ZjU02kpXxCtryjgnU5C6rhgjlMx4LSEx' },
  { kind: 'ghr_', text: 'ghr_8GbZb4Hz7LiEkKF6wNqT82fHkdTNFeeTDlnO', secret: '8GbZb4Hz7LiEkKF6wNqT82fHkdTNFeeTDlnO' },
  {
    kind: 'github_pat_',
    text: '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',
    secret: 'nQcnZftOnOtMW7EUHE9VJMkJRTAaieS3uY2XRoHJ4qEb4qokhIK83RCO5WU',
  },
  {
    kind: 'openai sk-',
    text: 'sk-d9JGJAuSvzKDBn8dpbigjxwJXW0aKiL28IlMeyEZHS98qK0y',
    secret: 'd9JGJAuSvzKDBn8dpbigjxwJXW0aKiL28IlMeyEZHS98qK0y',
  },
  {
    kind: 'openai sk-proj-',
    text: 'sk-proj-U4L5QqAQFZFf56DqUjKDBwZSAPS68PlaBxtVxkJF_mOUqDIAR8qxXooWZ8Tan-yUOV08Uy7ti6UgZZyEwiuSoIAPyKmW',
    secret: 'U4L5QqAQFZFf56DqUjKDBwZSAPS68PlaBxtVxkJF_mOUqDIAR8qxXooWZ8Tan-yUOV08Uy7ti6UgZZyEwiuSoIAPyKmW',
  },
  {
    kind: 'anthropic sk-ant-',
    text: 'sk-ant-api03-9Phr3KnlbcIcR00oT9YwYic36UqM0EXXU2rkDgBJMSMfcZzG4AJXo0YhFsUqickEA9xsL1dJdGmmBZ4v-wi1YjRAA',
    secret: '9Phr3KnlbcIcR00oT9YwYic36UqM0EXXU2rkDgBJMSMfcZzG4AJXo0YhFsUqickEA9xsL1dJdGmmBZ4v-wi1YjRAA',
  },
  { kind: 'AWS AKIA', text: 'AKIAYBS2II7RXTMTNBG2', secret: 'YBS2II7RXTMTNBG2' },
  { kind: 'AWS ASIA', text: 'ASIAS2SVDUOLQGE57STI', secret: 'S2SVDUOLQGE57STI' },
  {
    kind: 'aws_secret_access_key',
    text: 'aws_secret_access_key = BUpF60dkzwpHEY1vVTDGi2Mh4aWi6L/O2rQo+gw8',
    secret: 'BUpF60dkzwpHEY1vVTDGi2Mh4aWi6L/O2rQo+gw8',
    kept: 'aws_secret_access_key = ',
  },
  { kind: 'PEM private key', text: PEM_KEY, secret: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj' },
  {
    kind: 'Authorization: Bearer',
    text: 'Authorization: Bearer 0yAcFieDJYp9i+BoHKRjmq1ox8Kq5sDBINiHqUnHEiZR',
    secret: '0yAcFieDJYp9i+BoHKRjmq1ox8Kq5sDBINiHqUnHEiZR',
    kept: 'Authorization: Bearer ',
  },
  {
    kind: 'authorization: token',
    text: 'authorization: token 4f1c9e2ab7d3058c6e1f2a9b8c7d6e5f4a3b2c1d',
    secret: '4f1c9e2ab7d3058c6e1f2a9b8c7d6e5f4a3b2c1d',
    kept: 'authorization: token ',
  },
  {
    kind: 'Authorization: Basic',
    text: 'Authorization: Basic YWxpY2U6czNjcjN0LXBhc3N3b3Jk',
    secret: 'YWxpY2U6czNjcjN0LXBhc3N3b3Jk',
    kept: 'Authorization: Basic ',
  },
  {
    kind: 'JWT',
    text: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFkYSIsImlhdCI6MTcxNjIzOTAyMn0.gNTUC4pHl5U0kXHx6GS6F5LfxLzmxZcSfUQfKJFTl18',
    secret: 'gNTUC4pHl5U0kXHx6GS6F5LfxLzmxZcSfUQfKJFTl18',
  },
  {
    kind: 'Slack webhook',
    text: 'https://hooks.slack.com/services/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',
    secret: 'pySZk7wzEIVqBvDwigkjz8nI',
    kept: 'https://hooks.slack.com/services/',
  },
  {
    kind: 'URL credentials',
    text: 'postgres://aos:Xk9-pL2qR7vW@db.internal:5432/aos',
    secret: 'Xk9-pL2qR7vW',
    kept: 'postgres://aos:',
  },
  { kind: 'Slack bot token', text: SLACK_BOT, secret: SLACK_BOT.slice(5) },
  { kind: 'Slack user token', text: SLACK_USER, secret: SLACK_USER.slice(5) },
  { kind: 'Stripe live key', text: STRIPE_LIVE, secret: STRIPE_LIVE.slice(8) },
  { kind: 'Stripe restricted key', text: STRIPE_RESTRICTED, secret: STRIPE_RESTRICTED.slice(8) },
  { kind: 'Google API key', text: GOOGLE_KEY, secret: GOOGLE_KEY.slice(4) },
  { kind: 'npm token', text: NPM_TOKEN, secret: NPM_TOKEN.slice(4) },
  { kind: 'GitLab token', text: GITLAB_PAT, secret: GITLAB_PAT.slice(6) },
  {
    kind: 'Azure storage connection string',
    text: `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${AZURE_KEY};EndpointSuffix=core.windows.net`,
    secret: AZURE_KEY.slice(0, 40),
    kept: 'AccountKey=',
  },
  {
    kind: 'lower-case PEM private key',
    text: `-----begin private key-----\n${PEM_BODY}-----end private key-----`,
    secret: 'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu',
  },
  { kind: 'header-less DER private key', text: DER_KEY_BASE64, secret: DER_KEY_BASE64.slice(100, 160) },
];
