import type { Dependency, ParseProblem, ParseResult } from '../types.ts';
import { classifyNpmResolved } from './classify-npm-resolved.ts';
import { npmDependencyFromSpec } from './npm-dependency.ts';
import { splitNpmDescriptor } from './split-npm-descriptor.ts';

/** `  key value` or `  key "value"`: a field of an entry. A value opened by a quote must close it. */
const FIELD = /^ {2}("[^"]*"|[^\s"]+)\s+(?:"((?:[^"\\]|\\.)*)"|([^\s"]\S*))\s*$/;
/** `  dependencies:`: the start of a block of `    name "range"` lines. */
const BLOCK = /^ {2}("[^"]*"|[^\s":]+):\s*$/;
/** `    debug "^4.1.0"`: one line of such a block. */
const NESTED = /^ {4}("[^"]*"|[^\s"]+)\s+(?:"(?:[^"\\]|\\.)*"|[^\s"]\S*)\s*$/;
/** A package name as a header may give it: optional scope, no spaces, quotes or further `@`. */
const PACKAGE_NAME = /^(?:@[^\s/@"',]+\/)?[^\s/@"',]+$/;

interface Entry {
  descriptor: string;
  line: number;
  fields: Map<string, string>;
}

/**
 * Reads a yarn 1 lockfile: unindented headers listing the descriptors an entry satisfies
 * (`"@babel/core@^7.0.0", "@babel/core@^7.1.0":`), then indented `key value` fields and blocks of
 * `name range` lines. Each entry is reported once, at its header line, named and classified from
 * its first descriptor; a line that fits none of these (a cut-off value, junk) is a problem.
 */
export function parseYarnClassicLock(text: string, file: string): ParseResult {
  const problems: ParseProblem[] = [];
  const entries: Entry[] = [];
  let current: Entry | undefined;
  let inBlock = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    if (!/^\s/.test(raw)) {
      const header = raw.trimEnd();
      const descriptor = header.endsWith(':') ? firstDescriptor(header.slice(0, -1)) : '';
      // A header may name a package without a range (`balanced-match:`); its version field says which.
      if (!PACKAGE_NAME.test(splitNpmDescriptor(descriptor).name)) {
        problems.push({ file, line, message: `expected an entry header such as "name@range:", found ${JSON.stringify(header)}` });
        current = undefined;
        return;
      }
      current = { descriptor, line, fields: new Map() };
      inBlock = false;
      entries.push(current);
      return;
    }
    // Lines under a header that was refused were reported with it.
    if (current === undefined) return;
    const field = FIELD.exec(raw);
    if (field) {
      current.fields.set(unquote(field[1] ?? ''), field[2] ?? field[3] ?? '');
      inBlock = false;
    } else if (BLOCK.test(raw)) {
      inBlock = true;
    } else if (!(inBlock && NESTED.test(raw))) {
      problems.push({ file, line, message: `cannot read this line of entry "${current.descriptor}": ${JSON.stringify(raw.trim())}` });
    }
  });
  const dependencies = entries.map((entry) => toDependency(entry, file, problems));
  return { dependencies, problems };
}

function firstDescriptor(list: string): string {
  const first = list.split(',')[0]?.trim() ?? '';
  return unquote(first);
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

function toDependency(entry: Entry, file: string, problems: ParseProblem[]): Dependency {
  const { name: key, range } = splitNpmDescriptor(entry.descriptor);
  const version = entry.fields.get('version');
  if (version === undefined) problems.push({ file, line: entry.line, message: `entry "${entry.descriptor}" has no version` });
  const dependency = npmDependencyFromSpec(key, range, file, entry.line);
  dependency.version = version ?? '';
  const resolved = entry.fields.get('resolved');
  if (resolved === undefined) return dependency;
  // The locked URL is more precise than the range (a git range resolves to one commit).
  if (dependency.source === 'registry') dependency.source = classifyNpmResolved(resolved, dependency.name, dependency.version);
  if (dependency.source !== 'registry') dependency.resolved = resolved;
  return dependency;
}
