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
const PEM_LABEL = '[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?';

/**
 * Secret kinds, in the order they are applied. Wider, context-bearing patterns (whole PEM blocks,
 * URLs, headers) come first so that their context survives and narrower token patterns then find
 * nothing left to do.
 */
export const SECRET_PATTERNS: ReadonlyArray<SecretPattern> = [
  {
    name: 'private-key',
    // A block cut off before its END line (a truncated log) is redacted to the end of its body.
    pattern: new RegExp(
      `-----BEGIN ${PEM_LABEL}-----(?:[\\s\\S]*?-----END ${PEM_LABEL}-----|(?:[A-Za-z0-9+/=\\s:,-]|\\\\[nr])*)`,
    ),
  },
  {
    name: 'url-credentials',
    pattern: /(?<keep>\b[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s:@/"'\\<>]*:)[^\s@/"'\\<>]+(?=@)/,
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
  { name: 'aws-access-key-id', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/ },
  { name: 'github-token', pattern: /\bgh[pousr]_[A-Za-z0-9]{20,}\b/ },
  { name: 'github-pat', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,}/ },
  { name: 'anthropic-key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/ },
  { name: 'openai-key', pattern: /\bsk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/ },
  { name: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
];
