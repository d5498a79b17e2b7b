/**
 * One kind of secret that may show up in free text (a log message, a model response, a diff).
 * Named groups whose names start with `keep` capture context that is not secret (a header name,
 * an auth scheme, a URL's scheme and user); redaction keeps them and replaces the rest of the
 * match. Patterns carry no `g` flag so `pattern.test(text)` is safe to call repeatedly.
 */
export interface SecretPattern {
  name: string;
  pattern: RegExp;
}

// Value character classes exclude `"`, `'` and `\` so that redacting an already JSON-encoded
// log line can never swallow a closing quote or split an escape sequence.
//
// Every pattern runs in linear time: no quantified group contains a quantifier, and a pattern that
// could start anywhere inside a run of the characters it repeats (`eyJ-eyJ-…`) either starts with
// a lookbehind that lets it start only at the first of them or bounds the repeat, so no run is
// scanned again from each of its characters.
const PEM_LABEL = '[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?';
// A PEM body: base64, `Proc-Type: 4,ENCRYPTED` style headers, PGP armour lines, JSON-escaped line
// breaks, and single dashes; five dashes start the END line.
const PEM_BODY = String.raw`(?:[A-Za-z0-9+/=\s:,.()@<>_]|-(?!----)|\\[nrt])*`;
const B64 = 'A-Za-z0-9+/';
// The first base64 characters of the DER encodings of private keys, which a configuration file or
// a secret store often holds without PEM armour. DER private keys (PKCS#1 RSA and DSA, PKCS#8,
// SEC1 EC, PKCS#12) are a SEQUENCE whose first element is a one-byte INTEGER version (0, 1 or 3),
// bytes `30 <length> 02 01 0v`; in base64, for each length form of the SEQUENCE:
//   two-byte length (keys up to 16 KB): `MII???IBA`
//   one-byte length (128-255 bytes):    `MI[GH]?AgE[AB]`
//   short length (up to 127 bytes):     `M[C-H]?CAQ[A-H]` (the third character is a multiple of 4)
// Certificates (SEQUENCE then SEQUENCE) and public keys (SEQUENCE then SEQUENCE, or a long
// INTEGER) start differently, so they stay readable. `b3BlbnNzaC1rZXktdjE` is "openssh-key-v1",
// the magic at the start of every OpenSSH private key. At least 40 more base64 characters must
// follow, so a short word never matches; the match then runs over the following base64 lines.
const DER_PRIVATE_KEY_START = `(?:MII[${B64}]{3}IBA|MI[GH][${B64}]AgE[AB]|M[C-H][AEIMQUYcgkosw048]CAQ[A-H]|b3BlbnNzaC1rZXktdjE)`;

/**
 * Secret kinds, in the order they are applied. Wider, context-bearing patterns (whole PEM blocks,
 * URLs, headers) come first so that their context survives and narrower token patterns then find
 * nothing left to do.
 */
export const SECRET_PATTERNS: ReadonlyArray<SecretPattern> = [
  {
    name: 'private-key',
    // Any case (`-----begin private key-----`). A block cut off before its END line (a truncated
    // log) is redacted to the end of its body.
    pattern: new RegExp(`-----BEGIN ${PEM_LABEL}-----${PEM_BODY}(?:-----END ${PEM_LABEL}-----)?`, 'i'),
  },
  {
    name: 'private-key-body',
    pattern: new RegExp(String.raw`(?<![${B64}])${DER_PRIVATE_KEY_START}[${B64}]{40}(?:[${B64}=\r\n]|\\[rn])*`),
  },
  {
    name: 'url-credentials',
    // The scheme is bounded (real ones are short: `mongodb+srv`), so a long run such as `a.a.a…`
    // costs at most 32 steps per start.
    pattern: /(?<keep>\b[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/[^\s:@/"'\\<>]*:)[^\s@/"'\\<>]+(?=@)/,
  },
  {
    name: 'url-query-credentials',
    // `?access_token=…`, `&client_secret=…`, `#id_token=…` (OAuth's implicit flow), `;token=…`.
    pattern:
      /(?<keep>[?&;#](?:access_token|refresh_token|id_token|auth_token|private_token|client_secret|api_key|apikey|token|secret|password|passwd)=)[^&#\s"'\\<>]+/i,
  },
  {
    name: 'slack-webhook',
    pattern: /(?<keep>(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9_/-]+/,
  },
  {
    name: 'authorization-header',
    pattern:
      /(?<keep>\b(?:proxy-)?authorization["']?[ \t]*[:=][ \t]*["']?)(?:(?<keepScheme>(?:bearer|token|basic|digest)[ \t]+)[^\s"'\\,;]+|[^\s"'\\,;]{8,})/i,
  },
  {
    name: 'bearer-token',
    pattern: /(?<keep>\bBearer[ \t]+)[A-Za-z0-9._~+/-]{20,}=*/,
  },
  {
    name: 'aws-secret-access-key',
    pattern: /(?<keep>(?:aws_?)?secret_?access_?key["']?[ \t]*[:=][ \t]*["']?)[A-Za-z0-9/+=]{20,}/i,
  },
  {
    name: 'azure-storage-key',
    // In connection strings: `AccountKey=…` (Storage), `SharedAccessKey=…` (Service Bus, Event Hubs).
    pattern: /(?<keep>(?<![A-Za-z0-9])(?:Account|SharedAccess)Key[ \t]*=[ \t]*)[A-Za-z0-9+/]{20,}={0,2}/i,
  },
  { name: 'aws-access-key-id', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/ },
  { name: 'github-token', pattern: /\bgh[pousr]_[A-Za-z0-9]{20,}\b/ },
  { name: 'github-pat', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,}/ },
  { name: 'gitlab-token', pattern: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}/ },
  { name: 'slack-token', pattern: /(?<![A-Za-z0-9_-])xox[abpr]-[A-Za-z0-9-]{10,}/ },
  { name: 'stripe-key', pattern: /(?<![A-Za-z0-9])[sr]k_live_[A-Za-z0-9]{16,}/ },
  { name: 'google-api-key', pattern: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/ },
  { name: 'npm-token', pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/ },
  { name: 'anthropic-key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/ },
  { name: 'openai-key', pattern: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/ },
  { name: 'jwt', pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
];
