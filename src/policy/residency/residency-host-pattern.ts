import { matchPathGlobs } from '../edit-guard/index.ts';

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
 * Both are case-insensitive. A `/regex/` is the operator's own (configs/vendor_residency.yaml)
 * and runs as written.
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
  return matchHostGlob(subject, pattern.toLowerCase());
}

/**
 * A host glob matched label by label: the labels become path segments, so the linear path matcher
 * (whose `*` never crosses a `/`, here a dot) does the work instead of a backtracking RegExp, on
 * which `*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b` would take exponential time. A run of `*` is one `*`
 * (inside a label they mean the same) so that no `**` turns into a globstar; the label counts must
 * be equal, so a match of the host's leading labels alone is no match.
 */
function matchHostGlob(host: string, glob: string): boolean {
  const labels = host.split('.');
  const patternLabels = glob.replace(/\*+/g, '*').split('.');
  if (labels.length !== patternLabels.length || labels.includes('') || patternLabels.includes('')) return false;
  if (!patternLabels.every((label) => /^[a-z0-9*-]+$/.test(label))) return false;
  const asPath = `/${patternLabels.join('/')}`;
  return matchPathGlobs([asPath], labels.join('/')) === asPath;
}
