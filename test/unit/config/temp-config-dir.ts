import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, where the shipped YAML files live. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The three configuration files, as paths relative to a configuration folder. */
export const SHIPPED = ['policies/finops.yaml', 'configs/model_routing.yaml', 'configs/vendor_residency.yaml'] as const;

/** The phase-1 specification's samples of the three files, character for character. */
export const SPEC_SAMPLES = path.join(PROJECT_ROOT, 'test/fixtures/spec-samples');

/** The three files as aos shipped them before the specification's names (deprecated names). */
export const DEPRECATED_NAMES = path.join(PROJECT_ROOT, 'test/fixtures/deprecated-config');

/** A fresh temporary directory. */
export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'aos-config-'));
}

/**
 * A temporary config folder holding copies of the shipped YAML files, each optionally edited by
 * `edits` (keyed by relative path; the function gets the shipped text, returns the new text).
 * `from` takes some files from another folder instead (keyed by relative path), such as SPEC_SAMPLES.
 */
export function makeConfigDir(edits: Record<string, (text: string) => string> = {}, from: Record<string, string> = {}): string {
  const dir = makeTempDir();
  for (const file of SHIPPED) {
    const text = fs.readFileSync(path.join(from[file] ?? PROJECT_ROOT, file), 'utf8');
    const edit = edits[file];
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, edit ? edit(text) : text);
  }
  return dir;
}

/** Runs `fn` and returns what it threw; fails the test when it does not throw. */
export function thrown(fn: () => unknown): Error & Record<string, unknown> {
  try {
    fn();
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected a throw');
}
