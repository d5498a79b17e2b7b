import type { Dependency, ParseProblem, ParseResult } from '../types.ts';
import type { JsonNode } from './json-node.ts';
import { jsonEntries, jsonKindError, jsonMember, jsonString } from './json-node.ts';
import { classifyNpmResolved } from './classify-npm-resolved.ts';
import { matchWorkspaceGlobs } from './match-workspace-globs.ts';

const NODE_MODULES = 'node_modules/';
const ROOT_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];
const FIELD_KINDS = { version: 'string', resolved: 'string', name: 'string', link: 'boolean' } as const;

/**
 * Reads the `packages` map of a v2/v3 package lock. Keys under `node_modules/` are installed
 * packages (the last `node_modules/` segment is the name used in code; a differing `name` field
 * makes it an alias). `link: true` entries are symlinks to a folder (source `link`, version taken
 * from the folder's own entry). Keys outside `node_modules/` are the folders those links point
 * at: `workspace` when the root's `workspaces` globs match them, else a local `file` dependency.
 */
export function readLockPackages(packages: JsonNode, file: string): ParseResult {
  const problems: ParseProblem[] = [];
  const dependencies: Dependency[] = [];
  if (packages.kind !== 'object') {
    return { dependencies, problems: [{ file, line: packages.line, message: '"packages" must be an object' }] };
  }
  const declared = rootDeclaredNames(jsonMember(packages, ''));
  const isWorkspace = matchWorkspaceGlobs(jsonMember(packages, ''));
  for (const { key, line, value } of jsonEntries(packages)) {
    if (key === '') continue;
    if (value.kind !== 'object') {
      problems.push({ file, line, message: `"packages" entry "${key}" must be an object` });
      continue;
    }
    const wrong = jsonKindError(value, FIELD_KINDS);
    if (wrong !== undefined) {
      problems.push({ file, line, message: `${key}: ${wrong}` });
      continue;
    }
    const version = jsonString(jsonMember(value, 'version')) ?? '';
    const resolved = jsonString(jsonMember(value, 'resolved'));
    const at = key.lastIndexOf(NODE_MODULES);
    if (at === -1 || (at > 0 && key[at - 1] !== '/')) {
      const name = jsonString(jsonMember(value, 'name')) ?? key.slice(key.lastIndexOf('/') + 1);
      const source = isWorkspace(key) ? 'workspace' : 'file';
      dependencies.push({ name, version, ecosystem: 'npm', source, resolved: key, file, line });
      continue;
    }
    const keyName = key.slice(at + NODE_MODULES.length);
    const name = jsonString(jsonMember(value, 'name')) ?? keyName;
    const dependency: Dependency = { name, version, ecosystem: 'npm', source: 'registry', file, line };
    const link = jsonMember(value, 'link');
    if (link?.kind === 'boolean' && link.value) {
      dependency.source = 'link';
      dependency.resolved = resolved ?? '';
      dependency.version = jsonString(jsonMember(jsonMember(packages, resolved ?? ''), 'version')) ?? version;
    } else if (resolved !== undefined) {
      dependency.source = classifyNpmResolved(resolved, name, version);
      if (dependency.source !== 'registry') dependency.resolved = resolved;
    }
    if (dependency.source === 'registry' && version === '') {
      problems.push({ file, line, message: `${key}: registry package without a "version"` });
      continue;
    }
    if (name !== keyName) dependency.alias = keyName;
    if (at === 0 && declared.has(keyName)) dependency.direct = true;
    dependencies.push(dependency);
  }
  return { dependencies, problems };
}

function rootDeclaredNames(root: JsonNode | undefined): Set<string> {
  const names = new Set<string>();
  for (const section of ROOT_SECTIONS) {
    for (const entry of jsonEntries(jsonMember(root, section))) names.add(entry.key);
  }
  return names;
}
