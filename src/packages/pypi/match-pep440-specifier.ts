import { comparePep440, isPep440Prerelease, parsePep440Version, type Pep440Version } from './parse-pep440-version.ts';
import { readPep440Clause, type Pep440Clause } from './read-pep440-clause.ts';

interface Candidate {
  text: string;
  version: Pep440Version | null;
}

const isFinal = (candidate: Candidate) => candidate.version !== null && !isPep440Prerelease(candidate.version);

/**
 * The highest of `versions` that satisfies a PEP 440 specifier set (`>=2,<3`, `~=1.4`, `==1.*`;
 * '' matches all), as Python's `packaging` filters: pre-releases count only when a clause names
 * one or no final release matches; a text that is no version matches only `===` clauses. Null
 * when none matches or the specifier is not valid.
 */
export function maxSatisfyingPep440(versions: Iterable<string>, specifier: string): string | null {
  const clauses = specifier
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(readPep440Clause);
  if (clauses.some((clause) => clause === null)) return null;
  const readable = clauses as Pep440Clause[];
  const arbitraryOnly = readable.length > 0 && readable.every((clause) => clause.operator === '===');
  const matching: Candidate[] = [];
  for (const text of versions) {
    const version = parsePep440Version(text);
    const fits =
      version === null
        ? arbitraryOnly && readable.every((clause) => clause.matchesArbitrary(text))
        : readable.every((clause) => clause.matches(version, text));
    if (fits) matching.push({ text, version });
  }
  const allowPre = readable.some((clause) => clause.impliesPrerelease === true) || !matching.some(isFinal);
  let best: Candidate | null = null;
  for (const candidate of matching) {
    if (!allowPre && candidate.version !== null && !isFinal(candidate)) continue;
    if (best === null || (candidate.version !== null && (best.version === null || comparePep440(candidate.version, best.version) > 0)))
      best = candidate;
  }
  return best?.text ?? null;
}
