import type { Dependency, ParseProblem, ParseResult } from '../types.ts';
import type { JsonNode } from './json-node.ts';
import { jsonEntries, jsonKindError, jsonMember, jsonString } from './json-node.ts';
import { classifyNpmResolved } from './classify-npm-resolved.ts';
import { classifyNpmSpec } from './classify-npm-spec.ts';

const FIELD_KINDS = { version: 'string', resolved: 'string' } as const;

/**
 * Reads the nested `dependencies` tree of a v1 package lock, depth first in file order. In v1 the
 * `version` field holds the spec for non-registry packages (`git+https://…#sha`, `file:…`) and
 * `npm:real@1.0.0` for aliases, so it is classified like a manifest spec; a registry version is
 * then checked against `resolved`.
 */
export function readLockDependencyTree(tree: JsonNode, file: string): ParseResult {
  const problems: ParseProblem[] = [];
  const dependencies: Dependency[] = [];
  walk(tree, file, dependencies, problems);
  return { dependencies, problems };
}

function walk(tree: JsonNode, file: string, dependencies: Dependency[], problems: ParseProblem[]): void {
  if (tree.kind !== 'object') {
    problems.push({ file, line: tree.line, message: '"dependencies" must be an object' });
    return;
  }
  for (const { key, line, value } of jsonEntries(tree)) {
    if (value.kind !== 'object') {
      problems.push({ file, line, message: `dependency "${key}" must be an object` });
      continue;
    }
    const wrong = jsonKindError(value, FIELD_KINDS);
    if (wrong !== undefined) {
      problems.push({ file, line, message: `dependency "${key}": ${wrong}` });
      continue;
    }
    const dependency = fromEntry(key, value, file, line);
    if (dependency.source === 'registry' && dependency.version === '') {
      problems.push({ file, line, message: `dependency "${key}" has no "version"` });
    } else {
      dependencies.push(dependency);
    }
    const nested = jsonMember(value, 'dependencies');
    if (nested !== undefined) walk(nested, file, dependencies, problems);
  }
}

function fromEntry(key: string, value: JsonNode, file: string, line: number): Dependency {
  const written = jsonString(jsonMember(value, 'version')) ?? '';
  const resolved = jsonString(jsonMember(value, 'resolved'));
  const spec = classifyNpmSpec(written);
  const name = spec.realName ?? key;
  if (spec.source !== 'registry') {
    return { name, version: '', ecosystem: 'npm', source: spec.source, resolved: written, file, line };
  }
  const dependency: Dependency = { name, version: spec.range, ecosystem: 'npm', source: 'registry', file, line };
  if (resolved !== undefined) {
    dependency.source = classifyNpmResolved(resolved, name, spec.range);
    if (dependency.source !== 'registry') dependency.resolved = resolved;
  }
  if (name !== key) dependency.alias = key;
  return dependency;
}
