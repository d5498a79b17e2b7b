import { readFileSync } from 'node:fs';

/** The text of a file under `test/fixtures/lockfiles/`. */
export function readFixture(path: string): string {
  return readFileSync(new URL(`../../fixtures/lockfiles/${path}`, import.meta.url), 'utf8');
}
