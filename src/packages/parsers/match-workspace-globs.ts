import picomatch from 'picomatch';
import type { JsonNode } from './json-node.ts';
import { jsonMember, jsonString } from './json-node.ts';

/** Longer globs and folders are not matched at all: no workspace glob or folder name is this long. */
const MAX_GLOB_LENGTH = 256;
const MAX_FOLDER_LENGTH = 4096;

/**
 * True when picomatch's regular expression for `glob` matches in linear time: at most one `**`
 * segment, and at most one `*` in every other segment. Several of either let the expression
 * backtrack polynomially (`*a*a*a*b` on a long name takes minutes), and both the globs and the
 * folders come from the file under review.
 */
function linear(glob: string): boolean {
  if (glob.length > MAX_GLOB_LENGTH) return false;
  const segments = glob.split('/');
  const globstars = segments.filter((segment) => segment === '**').length;
  return globstars <= 1 && segments.every((segment) => segment === '**' || segment.split('*').length <= 2);
}

/**
 * A test for "is this folder one of the root package's workspaces", from its `workspaces` field
 * (an array of globs, or `{ packages: [...] }`), with picomatch: `*`, `**`, `?`, classes, braces,
 * and `!` exclusions as npm applies them. Extglobs are taken literally. A glob that could not be
 * matched in linear time is not applied; its folders then count as plain local folders, which the
 * check reports exactly as it reports workspaces (neither is registry-verifiable).
 */
export function matchWorkspaceGlobs(rootPackage: JsonNode | undefined): (folder: string) => boolean {
  const field = jsonMember(rootPackage, 'workspaces');
  const list = field?.kind === 'object' ? jsonMember(field, 'packages') : field;
  const globs = (list?.kind === 'array' ? list.items : [])
    .map((item) => jsonString(item))
    .filter((glob): glob is string => glob !== undefined)
    .map((glob) => ({ exclude: glob.startsWith('!'), glob: glob.replace(/^!/, '').replace(/^\.\//, '').replace(/\/+$/, '') }))
    .filter(({ glob }) => glob !== '' && linear(glob));
  const compile = (exclude: boolean) =>
    globs.filter((entry) => entry.exclude === exclude).map(({ glob }) => picomatch(glob, { noextglob: true }));
  const included = compile(false);
  const excluded = compile(true);
  return (folder) =>
    folder.length <= MAX_FOLDER_LENGTH && included.some((match) => match(folder)) && !excluded.some((match) => match(folder));
}
