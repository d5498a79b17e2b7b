import ignore from 'ignore';
import { describe, expect, it } from 'vitest';
import { compilePathGlob } from '#src/policy/edit-guard/compile-path-glob.ts';
import { cachedPathGlobLists, matchPathGlobs, PATH_GLOB_CACHE_CAPACITY } from '#src/policy/edit-guard/match-path-globs.ts';
import { isAosError } from '#src/observability/aos-error.ts';

const matches = (glob: string, path: string): boolean => matchPathGlobs([glob], path) === glob;

describe('matchPathGlobs', () => {
  it.each([
    // The three bugs of the hand-written matcher.
    ['secrets/', 'a/secrets/x', true],
    ['a/**/b', 'a/b/x', true],
    ['a/**/b', 'a/x/b/y/z', true],
    ['.github/workflows/**', '.github/workflows/ci.yml', true],
    ['.github/workflows/**', '.github/workflows/a/b.yml', true],
    ['.github/workflows/**', '.github/workflows', false],
    ['.github/workflows/**', 'x/.github/workflows/ci.yml', false],
    ['*.pem', 'a/b/server.pem', true],
    ['**/*.pem', 'server.pem', true],
    ['*.pem', 'a/server.pem.txt', false],
    ['*.pem', 'certs.pem/readme.md', true],
    ['.env*', 'app/.env.production', true],
    ['.env*', 'app/env', false],
    ['src/*.ts', 'src/a.ts', true],
    ['src/*.ts', 'src/deep/a.ts', false],
    ['src/*.ts', 'lib/src/a.ts', false],
    ['src/?.ts', 'src/ab.ts', false],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['a/**/b', 'x/a/b', false],
    ['/CODEOWNERS', 'CODEOWNERS', true],
    ['/CODEOWNERS', 'src/CODEOWNERS', false],
    ['secrets/', 'secrets', false],
    ['secrets/', 'a/secrets', false],
    ['file[0-9].txt', 'dir/file7.txt', true],
    ['file[!0-9].txt', 'file7.txt', false],
    ['a.b', 'axb', false],
    ['(x)+.txt', '(x)+.txt', true],
    ['**/.vscode/tasks.json', 'pkg/.vscode/tasks.json', true],
    ['a/**/', 'a/b', false],
    ['a/**/', 'a/b/c', true],
    ['**', 'anything/at/all', true],
    ['KEY.PEM', 'keys/key.pem', true],
  ])('%j against %j is %s', (glob, path, expected) => {
    expect(matches(glob, path)).toBe(expected);
  });

  it('answers exactly as the ignore package does (gitignore semantics) on every generated case', () => {
    const names = ['a', 'b', 'ab', '.x', 'a.b'];
    const globSegments = ['a', 'b', '*', '?', '[ab]', 'a*', '*b', '**', '.x', '*.b', '[!a]*'];
    // A fixed-seed xorshift generator: the same cases on every run.
    let seed = 0x2545f491;
    const next = (n: number): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const pick = <T>(items: readonly T[]): T => items[next(items.length)] as T;
    const globs = new Set<string>();
    while (globs.size < 400) {
      const segments = Array.from({ length: 1 + next(4) }, () => pick(globSegments));
      const glob = `${next(3) === 0 ? '/' : ''}${segments.join('/')}${next(3) === 0 ? '/' : ''}`;
      if (glob !== '/' && compilePathGlob(glob).ok) globs.add(glob);
    }
    const paths = Array.from({ length: 60 }, () => Array.from({ length: 1 + next(5) }, () => pick(names)).join('/'));
    const disagreements: string[] = [];
    let matched = 0;
    for (const glob of globs) {
      const reference = ignore().add(glob);
      for (const path of paths) {
        const expected = reference.ignores(path);
        if (matches(glob, path) !== expected) disagreements.push(`${glob} against ${path}: ignore says ${expected}`);
        if (expected) matched += 1;
      }
    }
    expect(disagreements).toEqual([]);
    // Both answers occur often, so agreement is not agreement on "no".
    expect(matched).toBeGreaterThan(2_000);
    expect(400 * 60 - matched).toBeGreaterThan(2_000);
  });

  it('stays linear on a ReDoS glob from .github/aos.yml against a 10,000-character path', () => {
    const redos = '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b';
    expect(matchPathGlobs([redos], 'a'.repeat(10_000))).toBeNull();
    expect(matchPathGlobs([redos], `${'a/'.repeat(4_999)}a`)).toBeNull();
    expect(matchPathGlobs([redos], `${'a'.repeat(9_999)}b`)).toBe(redos);
  }, 30_000);

  it('stays linear on chained ** that make the ignore package itself backtrack without end', () => {
    const chained = 'a/**/a/**/a/**/a/**/a/**/a/**/b';
    const deep = `${'a/'.repeat(5_000)}x`;
    expect(matchPathGlobs([chained], deep)).toBeNull();
    expect(matchPathGlobs([chained], `${'a/'.repeat(5_000)}b`)).toBe(chained);
    expect(matchPathGlobs(['**/*a*/**/*a*/**/*a*/**/b'], `${'aaaaaaaaa/'.repeat(1_000)}x`)).toBeNull();
  }, 30_000);

  it('keeps at most PATH_GLOB_CACHE_CAPACITY compiled lists, and stays correct past it', () => {
    for (let index = 0; index < 1_000; index += 1) {
      expect(matchPathGlobs([`dir-${index}/`], `dir-${index}/file.txt`)).toBe(`dir-${index}/`);
    }
    expect(cachedPathGlobLists()).toBeLessThanOrEqual(PATH_GLOB_CACHE_CAPACITY);
    expect(matchPathGlobs(['dir-0/'], 'dir-0/file.txt')).toBe('dir-0/');
  });

  it('names the glob that matched', () => {
    expect(matchPathGlobs(['docs/', '*.pem', '.github/workflows/**'], 'certs/a.pem')).toBe('*.pem');
    expect(matchPathGlobs(['docs/', '*.pem'], 'src/index.ts')).toBeNull();
  });

  it('treats what is no repository path as matched, skips negations and refuses a glob it cannot read', () => {
    expect(matchPathGlobs(['*.pem'], 'a//b')).toBe('*.pem');
    expect(matchPathGlobs(['*.pem'], '../x')).toBe('*.pem');
    expect(matchPathGlobs(['*.pem', '!keep.pem'], 'keep.pem')).toBe('*.pem');
    const error = (() => {
      try {
        return matchPathGlobs(['a//b'], 'a/b');
      } catch (caught) {
        return caught;
      }
    })();
    expect(isAosError(error, 'invalid_glob')).toBe(true);
  });
});

describe('compilePathGlob', () => {
  it.each([
    ['', 'is empty'],
    ['!.github/workflows/**', 'starts with "!"'],
    ['#comment', 'starts with "#"'],
    ['a\nb', 'control character'],
    ['a//b', 'empty segment'],
    ['../x', '".."'],
    ['a\\/b', 'backslash'],
    ['x'.repeat(501), 'longer than 500'],
  ])('refuses %j', (glob, problem) => {
    const result = compilePathGlob(glob);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toContain(problem);
  });
});
