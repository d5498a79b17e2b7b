import { readFileSync } from 'node:fs';
import type { Dependency, Ecosystem, SourceKind } from '#src/packages/types.ts';

/** The text of a file under `test/fixtures/lockfiles/`. */
export function readFixture(path: string): string {
  return readFileSync(new URL(`../../../fixtures/lockfiles/${path}`, import.meta.url), 'utf8');
}

/** A builder of expected dependencies of one file: `(name, version, source, line, extra)`. */
export function dependencyOf(ecosystem: Ecosystem, file: string) {
  return (name: string, version: string, source: SourceKind, line: number, extra: Partial<Dependency> = {}): Dependency => ({ name, version, ecosystem, source, file, line, ...extra });
}
