import { parseSemver, type SemVer } from './parse-semver.ts';

/** One comparison such as `>=1.2.0` or `<2.0.0-0`. */
export interface Comparator {
  op: '>=' | '>' | '<' | '<=' | '=';
  version: SemVer;
}

/** A range as npm reads it: alternatives (`||`), each a set of comparators that must all hold. */
export type NpmRange = Comparator[][];

const X = /^(?:[xX*]|)$/;
const PARTIAL = /^v?([0-9]+|[xX*])(?:\.([0-9]+|[xX*]))?(?:\.([0-9]+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

interface Partial {
  major: number | null;
  minor: number | null;
  patch: number | null;
  pre: string | undefined;
}

const num = (part: string | undefined) => (part === undefined || X.test(part) ? null : Number(part));

function readPartial(text: string): Partial | null {
  const match = PARTIAL.exec(text);
  if (!match) return null;
  const major = num(match[1]);
  const minor = major === null ? null : num(match[2]);
  const patch = minor === null ? null : num(match[3]);
  return { major, minor, patch, pre: patch === null ? undefined : match[4] };
}

const v = (major: number, minor: number, patch: number, pre?: string): SemVer =>
  parseSemver(`${major}.${minor}.${patch}${pre === undefined ? '' : `-${pre}`}`) ?? { major, minor, patch, prerelease: [] };
/** The first prerelease of a version: `<2.0.0-0` excludes 2.0.0's prereleases too. */
const floor = (major: number, minor: number, patch: number) => v(major, minor, patch, '0');

/** Expands one range token (`^1.2`, `~1`, `>=1.2`, `1.x`) into comparators; null when unreadable. */
function expand(op: string, p: Partial): Comparator[] | null {
  const { major, minor, patch, pre } = p;
  const low = v(major ?? 0, minor ?? 0, patch ?? 0, pre);
  if (op === '^' || op === '~') {
    if (major === null) return [];
    let high: SemVer;
    if (op === '~') high = minor === null ? floor(major + 1, 0, 0) : floor(major, minor + 1, 0);
    else if (major > 0 || minor === null) high = floor(major + 1, 0, 0);
    else if (minor > 0 || patch === null) high = floor(0, minor + 1, 0);
    else high = floor(0, 0, patch + 1);
    return [{ op: '>=', version: low }, { op: '<', version: high }];
  }
  if (op === '' || op === '=') {
    if (major === null) return [];
    if (patch !== null) return [{ op: '=', version: low }];
    const high = minor === null ? floor(major + 1, 0, 0) : floor(major, minor + 1, 0);
    return [{ op: '>=', version: low }, { op: '<', version: high }];
  }
  if (major === null) return op === '<' || op === '>' ? [{ op: '<', version: floor(0, 0, 0) }] : [];
  const complete = patch !== null;
  if (op === '>=') return [{ op: '>=', version: low }];
  if (op === '<') return [{ op: '<', version: complete ? low : floor(major, minor ?? 0, 0) }];
  if (op === '>') return [{ op: complete ? '>' : '>=', version: complete ? low : minor === null ? v(major + 1, 0, 0) : v(major, minor + 1, 0) }];
  if (op === '<=') return [{ op: complete ? '<=' : '<', version: complete ? low : minor === null ? floor(major + 1, 0, 0) : floor(major, minor + 1, 0) }];
  return null;
}

/** The upper end of a hyphen range: `1.2.3 - 2.3` includes every 2.3.x. */
function hyphenHigh(p: Partial): Comparator[] {
  if (p.major === null) return [];
  if (p.patch !== null) return [{ op: '<=', version: v(p.major, p.minor ?? 0, p.patch, p.pre) }];
  return [{ op: '<', version: p.minor === null ? floor(p.major + 1, 0, 0) : floor(p.major, p.minor + 1, 0) }];
}

/**
 * Reads an npm range: `^ ~ = < <= > >=`, x-ranges and partial versions (`1.x`, `1.2`, `*`, ''),
 * hyphen ranges (`1.2 - 2`), space-separated sets and `||`. Null when it is not a range (a dist
 * tag such as `latest`, or a typo).
 */
export function parseNpmRange(range: string): NpmRange | null {
  const alternatives: NpmRange = [];
  for (const alternative of range.split('||')) {
    const text = alternative.trim().replace(/(<=|>=|[<>=^~])\s+/g, '$1');
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
    if (hyphen) {
      const from = readPartial(hyphen[1] ?? '');
      const to = readPartial(hyphen[2] ?? '');
      if (!from || !to) return null;
      alternatives.push([...(expand('>=', from) ?? []), ...hyphenHigh(to)]);
      continue;
    }
    const set: Comparator[] = [];
    for (const token of text.split(/\s+/).filter((part) => part !== '')) {
      const match = /^(<=|>=|[<>=^~]|~>)?(.*)$/.exec(token);
      const partial = readPartial(match?.[2] ?? '');
      const expanded = partial ? expand(match?.[1] === '~>' ? '~' : (match?.[1] ?? ''), partial) : null;
      if (!expanded) return null;
      set.push(...expanded);
    }
    alternatives.push(set);
  }
  return alternatives;
}
