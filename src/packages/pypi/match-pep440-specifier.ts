import { comparePep440, isPep440Prerelease, parsePep440Version, type Pep440Version } from './parse-pep440-version.ts';

type Clause = (candidate: Pep440Version, text: string) => boolean;

/** A `==1.2.*` / `!=1.2.*` prefix match on release segments (and epoch). */
function prefixMatch(candidate: Pep440Version, prefix: Pep440Version): boolean {
  return candidate.epoch === prefix.epoch && prefix.release.every((part, i) => (candidate.release[i] ?? 0) === part);
}

/** Reads one clause such as `>=1.2`, `~=2.2.0`, `==1.*`; null when unreadable. */
function readClause(raw: string): { clause: Clause; namesPrerelease: boolean } | null {
  const match = /^(~=|===|==|!=|<=|>=|<|>)\s*(\S+)$/.exec(raw.trim());
  if (!match) return null;
  const [, op, operand = ''] = match;
  if (op === '===') return { clause: (_, text) => text === operand, namesPrerelease: true };
  const wildcard = operand.endsWith('.*');
  const version = parsePep440Version(wildcard ? operand.slice(0, -2) : operand);
  if (!version) return null;
  const namesPrerelease = isPep440Prerelease(version);
  const cmp = (c: Pep440Version) => comparePep440({ ...c, local: version.local === '' ? '' : c.local }, version);
  const clauses: Record<string, Clause> = {
    '==': (c) => (wildcard ? prefixMatch(c, version) : cmp(c) === 0),
    '!=': (c) => (wildcard ? !prefixMatch(c, version) : cmp(c) !== 0),
    '<=': (c) => cmp(c) <= 0,
    '>=': (c) => cmp(c) >= 0,
    '<': (c) => cmp(c) < 0,
    '>': (c) => cmp(c) > 0,
    '~=': (c) => cmp(c) >= 0 && prefixMatch(c, { ...version, release: version.release.slice(0, Math.max(1, version.release.length - 1)) }),
  };
  const clause = clauses[op ?? ''];
  return clause ? { clause, namesPrerelease } : null;
}

/**
 * The highest of `versions` that satisfies a PEP 440 specifier set (`>=2,<3`, `~=1.4`, `==1.*`;
 * '' matches all). Pre-releases count only when the specifier names one or nothing else matches,
 * as pip decides. Null when none matches or the specifier is unreadable.
 */
export function maxSatisfyingPep440(versions: Iterable<string>, specifier: string): string | null {
  const parts = specifier.split(',').map((part) => part.trim()).filter((part) => part !== '');
  const clauses = parts.map(readClause);
  if (clauses.some((clause) => clause === null)) return null;
  const readable = clauses as Array<{ clause: Clause; namesPrerelease: boolean }>;
  const matching: Array<{ text: string; version: Pep440Version }> = [];
  for (const text of versions) {
    const version = parsePep440Version(text);
    if (version && readable.every(({ clause }) => clause(version, text))) matching.push({ text, version });
  }
  const allowPre = readable.some((clause) => clause.namesPrerelease) || matching.every(({ version }) => isPep440Prerelease(version));
  let best: { text: string; version: Pep440Version } | null = null;
  for (const candidate of matching) {
    if (!allowPre && isPep440Prerelease(candidate.version)) continue;
    if (best === null || comparePep440(candidate.version, best.version) > 0) best = candidate;
  }
  return best?.text ?? null;
}
