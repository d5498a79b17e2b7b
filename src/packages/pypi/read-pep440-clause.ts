import { comparePep440, isPep440Prerelease, parsePep440Version, type Pep440Version } from './parse-pep440-version.ts';

/** One clause of a specifier set (`>=1.2`, `==1.*`, `===foo`), ready to test versions. */
export interface Pep440Clause {
  operator: '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';
  /** Whether a parsed candidate (written as `text`) satisfies the clause. */
  matches(candidate: Pep440Version, text: string): boolean;
  /** Whether a text that is no PEP 440 version satisfies it: only `===` can. */
  matchesArbitrary(text: string): boolean;
  /** True when the clause names a pre-release and so lets pre-releases in (never for `!=` or `==X.*`); null when unknown. */
  impliesPrerelease: boolean | null;
}

const OPERATOR = /^(~=|===|==|!=|<=|>=|<|>)\s*(\S+)$/;

const publicOf = (v: Pep440Version): Pep440Version => ({ ...v, local: [] });
const equal = (a: Pep440Version, b: Pep440Version) => comparePep440(a, b) === 0;
const hasSuffix = (v: Pep440Version) => v.pre !== null || v.post !== null || v.dev !== null || v.local.length > 0;

/** `==1.2.*`: the candidate's epoch and release start with the prefix (release padded with zeros); pre, post, dev and local do not count. */
function prefixMatch(candidate: Pep440Version, prefix: Pep440Version): boolean {
  return candidate.epoch === prefix.epoch && prefix.release.every((part, i) => (candidate.release[i] ?? 0n) === part);
}

/** `<V`: below V, and not a pre-release of V itself unless V is one (`<1.7` refuses `1.7rc1`). */
function lessThan(c: Pep440Version, v: Pep440Version): boolean {
  if (comparePep440(c, v) >= 0) return false;
  const earliestOfV: Pep440Version = { ...v, dev: 0n, local: [] };
  return isPep440Prerelease(v) || !isPep440Prerelease(c) || comparePep440(c, earliestOfV) < 0;
}

/** `>V`: above V, yet neither a post-release of V (unless V is one) nor V with a local label (`>1.7` refuses `1.7.post1` and `1.7+x`). */
function greaterThan(c: Pep440Version, v: Pep440Version): boolean {
  if (comparePep440(c, v) <= 0) return false;
  if (v.post === null && c.post !== null && equal({ ...c, post: null, dev: null, local: [] }, v)) return false;
  return !(c.local.length > 0 && equal(publicOf(c), v));
}

/**
 * Reads one clause of a PEP 440 specifier with the rules of Python's `packaging`: wildcards only
 * after `==`/`!=` and only on a plain release, local labels only with `==`, `!=` and `===`, `~=`
 * needs two release segments. Null when the clause is not valid.
 */
export function readPep440Clause(raw: string): Pep440Clause | null {
  const match = OPERATOR.exec(raw.trim());
  if (!match) return null;
  const operator = match[1] as Pep440Clause['operator'];
  const operand = match[2] ?? '';
  const never = () => false;
  if (operator === '===') {
    if (/[;)]/.test(operand)) return null;
    const same = (text: string) => text.toLowerCase() === operand.toLowerCase();
    const named = parsePep440Version(operand);
    return {
      operator,
      matches: (_, text) => same(text),
      matchesArbitrary: same,
      impliesPrerelease: named === null ? null : isPep440Prerelease(named),
    };
  }
  const wildcard = operand.endsWith('.*');
  const v = parsePep440Version(wildcard ? operand.slice(0, -2) : operand);
  if (v === null) return null;
  if (wildcard && (hasSuffix(v) || (operator !== '==' && operator !== '!='))) return null;
  if (v.local.length > 0 && operator !== '==' && operator !== '!=') return null;
  if (operator === '~=' && v.release.length < 2) return null;
  const impliesPrerelease = operator !== '!=' && !wildcard && isPep440Prerelease(v);
  // Without a local label in V, `==V` ignores the candidate's own label (1.0+cpu is ==1.0).
  const isEqual = (c: Pep440Version) => (wildcard ? prefixMatch(c, v) : equal(v.local.length === 0 ? publicOf(c) : c, v));
  const tests: Record<Exclude<Pep440Clause['operator'], '==='>, (c: Pep440Version) => boolean> = {
    '==': isEqual,
    '!=': (c) => !isEqual(c),
    '<=': (c) => comparePep440(publicOf(c), v) <= 0,
    '>=': (c) => comparePep440(publicOf(c), v) >= 0,
    '<': (c) => lessThan(c, v),
    '>': (c) => greaterThan(c, v),
    '~=': (c) => comparePep440(publicOf(c), v) >= 0 && prefixMatch(c, { ...v, release: v.release.slice(0, -1) }),
  };
  const test = tests[operator];
  return { operator, matches: (c) => test(c), matchesArbitrary: never, impliesPrerelease };
}
