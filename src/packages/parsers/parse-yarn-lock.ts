import type { ParseResult } from '../types.ts';
import { parseYarnBerryLock } from './parse-yarn-berry-lock.ts';
import { parseYarnClassicLock } from './parse-yarn-classic-lock.ts';

/**
 * Reads a `yarn.lock`: the YAML format of yarn 2+ ("berry", recognised by its `__metadata` entry)
 * or the custom format of yarn 1 ("classic").
 */
export function parseYarnLock(text: string, file: string): ParseResult {
  return /^["']?__metadata["']?:/m.test(text) ? parseYarnBerryLock(text, file) : parseYarnClassicLock(text, file);
}
