import { z } from 'zod';

/** A glob: host-name characters, with `*` standing for any run of characters inside one label. */
const GLOB = /^[a-z0-9*]([a-z0-9*-]*[a-z0-9*])?(\.[a-z0-9*]([a-z0-9*-]*[a-z0-9*])?)*$/i;

/** True when `pattern` is written as a regular expression: `/…/`. */
function isRegexPattern(pattern: string): boolean {
  return pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/');
}

/** True when the body of a `/…/` pattern compiles. */
function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern.slice(1, -1));
    return true;
  } catch {
    return false;
  }
}

/**
 * A host pattern that counts as EU for a vendor: either a glob such as
 * `bedrock-runtime.eu-*.amazonaws.com` (`*` matches within one DNS label, case-insensitive) or a
 * regular expression written `/^…$/`, tested against the whole host name.
 */
export const hostPatternSchema = z
  .string()
  .min(1)
  .refine(
    (pattern) => (isRegexPattern(pattern) ? compiles(pattern) : GLOB.test(pattern)),
    'not a host glob (letters, digits, "-", "." and "*") nor a valid /regular expression/',
  )
  .describe('Host glob (`*` matches within one DNS label) or /regular expression/ matched against the whole endpoint host.');
