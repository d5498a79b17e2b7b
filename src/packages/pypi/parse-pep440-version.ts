/** A PEP 440 version, reduced to what ordering needs. */
export interface Pep440Version {
  epoch: number;
  release: number[];
  /** `a`, `b` or `rc` with its number. */
  pre: [string, number] | null;
  post: number | null;
  dev: number | null;
  /** Local label (`+cpu`), compared as text. */
  local: string;
}

const VERSION =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d*))?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d*))?(?:[-_.]?(dev)[-_.]?(\d*))?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i;

const PRE: Record<string, string> = { alpha: 'a', a: 'a', beta: 'b', b: 'b', c: 'rc', rc: 'rc', pre: 'rc', preview: 'rc' };

/** Parses a PEP 440 version (normalizing spellings such as `1.0-beta2`); null when it is not one. */
export function parsePep440Version(text: string): Pep440Version | null {
  const match = VERSION.exec(text.trim());
  if (!match) return null;
  const label = match[3]?.toLowerCase();
  const post = match[5] ?? (match[6] === undefined ? undefined : match[7] || '0');
  return {
    epoch: Number(match[1] ?? 0),
    release: (match[2] ?? '0').split('.').map(Number),
    pre: label === undefined ? null : [PRE[label] ?? label, Number(match[4] || 0)],
    post: post === undefined ? null : Number(post),
    dev: match[8] === undefined ? null : Number(match[9] || 0),
    local: (match[10] ?? '').toLowerCase(),
  };
}

const PRE_ORDER: Record<string, number> = { a: 0, b: 1, rc: 2 };

/** Orders two versions by PEP 440: dev < pre < final < post, release segments padded with zeros. */
export function comparePep440(a: Pep440Version, b: Pep440Version): number {
  if (a.epoch !== b.epoch) return a.epoch - b.epoch;
  for (let i = 0; i < Math.max(a.release.length, b.release.length); i += 1) {
    const diff = (a.release[i] ?? 0) - (b.release[i] ?? 0);
    if (diff !== 0) return diff;
  }
  const rank = (v: Pep440Version): number[] => {
    // A bare dev release sorts before any pre-release of the same version.
    const pre = v.pre === null ? (v.dev !== null && v.post === null ? [-1, 0] : [3, 0]) : [PRE_ORDER[v.pre[0]] ?? 0, v.pre[1]];
    return [...pre, v.post === null ? -1 : v.post, v.dev === null ? Number.MAX_SAFE_INTEGER : v.dev];
  };
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i += 1) {
    const diff = (ra[i] ?? 0) - (rb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return a.local < b.local ? -1 : a.local > b.local ? 1 : 0;
}

/** True for pre-releases and dev releases, which specifiers skip unless they name one. */
export const isPep440Prerelease = (v: Pep440Version): boolean => v.pre !== null || v.dev !== null;
