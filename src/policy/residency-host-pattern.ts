/** Escapes the regular-expression metacharacters of a literal piece of a glob. */
const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True when `pattern` is written as a regular expression: `/…/`. */
export function isRegexHostPattern(pattern: string): boolean {
  return pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/');
}

/**
 * True when `host` matches an `eu_host_patterns` entry (see `host-pattern-schema.ts`). A glob's
 * `*` matches any run of characters inside one DNS label, never a dot, so
 * `bedrock-runtime.eu-*.amazonaws.com` cannot match `bedrock-runtime.eu-x.evil.example.amazonaws.com`.
 * A `/regex/` must match the whole host: it is anchored here, so an unanchored pattern cannot
 * be satisfied by a host that merely contains an EU name (`eu.api.openai.com.attacker.example`).
 * Both are case-insensitive.
 */
export function matchHostPattern(host: string, pattern: string): boolean {
  const subject = host.toLowerCase();
  if (isRegexHostPattern(pattern)) {
    try {
      return new RegExp(`^(?:${pattern.slice(1, -1)})$`, 'i').test(subject);
    } catch {
      return false;
    }
  }
  const source = pattern.toLowerCase().split('*').map(escapeRegex).join('[^.]*');
  return new RegExp(`^${source}$`).test(subject);
}
