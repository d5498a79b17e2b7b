import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Dependency, Ecosystem, ParseResult, SourceKind } from '#src/packages/types.ts';

/** The commit the fixtures' git dependencies are pinned to. */
export const FIXTURE_SHA = '0123456789abcdef0123456789abcdef01234567';

/** The text of a file under `test/fixtures/lockfiles/`. */
export function readFixture(path: string): string {
  return readFileSync(new URL(`../../../fixtures/lockfiles/${path}`, import.meta.url), 'utf8');
}

/**
 * A builder of expected dependencies of one file: `(name, version, source, line, extra)`; `defaults`
 * are fields every dependency of the file has (a manifest's are all `direct`).
 */
export function dependencyOf(ecosystem: Ecosystem, file: string, defaults: Partial<Dependency> = {}) {
  return (name: string, version: string, source: SourceKind, line: number, extra: Partial<Dependency> = {}): Dependency => ({
    name,
    version,
    ecosystem,
    source,
    file,
    line,
    ...defaults,
    ...extra,
  });
}

/**
 * Reads fixtures with one parser, as `file`: each read expects the fixture to parse without a
 * problem and hands back its dependencies.
 */
export function cleanFixtureReader(parse: (text: string, file: string) => ParseResult, file: string): (fixture: string) => Dependency[] {
  return (fixture) => {
    const result = parse(readFixture(fixture), file);
    expect(result.problems).toEqual([]);
    return result.dependencies;
  };
}
