/**
 * A PEP 440 version, normalized. Numbers are `bigint`, as Python's are unbounded: a local label
 * such as `+9999999999999999999` must not collapse into its neighbour.
 */
export interface Pep440Version {
  epoch: bigint;
  release: bigint[];
  /** `a`, `b` or `rc` with its number. */
  pre: ['a' | 'b' | 'rc', bigint] | null;
  post: bigint | null;
  dev: bigint | null;
  /** Local label segments (`+ubuntu.1` → `['ubuntu', 1n]`): all-digit segments as numbers, others lower-cased; empty when none. */
  local: Array<bigint | string>;
}

const VERSION =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?(\d*))?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d*))?(?:[-_.]?(dev)[-_.]?(\d*))?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i;

const PRE: Record<string, 'a' | 'b' | 'rc'> = { alpha: 'a', a: 'a', beta: 'b', b: 'b', c: 'rc', rc: 'rc', pre: 'rc', preview: 'rc' };

/** Parses a PEP 440 version (normalizing spellings such as `1.0-beta2`, `v1.0`, `1.0-1`); null when it is not one. */
export function parsePep440Version(text: string): Pep440Version | null {
  const match = VERSION.exec(text.trim());
  if (!match) return null;
  const label = match[3]?.toLowerCase();
  const post = match[5] ?? (match[6] === undefined ? undefined : match[7] || '0');
  return {
    epoch: BigInt(match[1] ?? 0),
    release: (match[2] ?? '0').split('.').map(BigInt),
    pre: label === undefined ? null : [PRE[label] ?? 'rc', BigInt(match[4] || 0)],
    post: post === undefined ? null : BigInt(post),
    dev: match[8] === undefined ? null : BigInt(match[9] || 0),
    local: match[10] === undefined ? [] : match[10].split(/[-_.]/).map((part) => (/^\d+$/.test(part) ? BigInt(part) : part.toLowerCase())),
  };
}

const sign = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
const PRE_RANK = { a: 0n, b: 1n, rc: 2n } as const;

/** The pre/post/dev part as one tuple that orders dev < pre < final < post, as packaging's sort key does. */
function suffixKey(v: Pep440Version): bigint[] {
  // A bare dev release (1.0.dev1) sorts before every pre-release of its version.
  const pre = v.pre === null ? [v.dev !== null && v.post === null ? -1n : 3n, 0n] : [PRE_RANK[v.pre[0]], v.pre[1]];
  return [...pre, v.post === null ? 0n : 1n, v.post ?? 0n, v.dev === null ? 1n : 0n, v.dev ?? 0n];
}

/**
 * PEP 440 local label order: segment by segment, numbers numerically, text lexicographically,
 * a number above any text; when one label is a prefix of the other, the longer is greater.
 */
function compareLocal(a: ReadonlyArray<bigint | string>, b: ReadonlyArray<bigint | string>): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (typeof x === 'bigint' && typeof y === 'bigint') {
      if (x !== y) return sign(x, y);
    } else if (typeof x === 'bigint' || typeof y === 'bigint') {
      return typeof x === 'bigint' ? 1 : -1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length;
}

/** Orders two versions by PEP 440: epoch, release (padded with zeros), dev < pre < final < post, then local label. */
export function comparePep440(a: Pep440Version, b: Pep440Version): number {
  if (a.epoch !== b.epoch) return sign(a.epoch, b.epoch);
  for (let i = 0; i < Math.max(a.release.length, b.release.length); i += 1) {
    const diff = sign(a.release[i] ?? 0n, b.release[i] ?? 0n);
    if (diff !== 0) return diff;
  }
  const ka = suffixKey(a);
  const kb = suffixKey(b);
  for (let i = 0; i < ka.length; i += 1) {
    const diff = sign(ka[i] ?? 0n, kb[i] ?? 0n);
    if (diff !== 0) return diff;
  }
  return Math.sign(compareLocal(a.local, b.local));
}

/** True for pre-releases and dev releases, which specifiers skip unless they name one. */
export const isPep440Prerelease = (v: Pep440Version): boolean => v.pre !== null || v.dev !== null;
