import type { JsonNode } from './json-node.ts';
import { jsonMember, jsonString } from './json-node.ts';

/**
 * A test for "is this folder one of the root package's workspaces", from its `workspaces` field
 * (an array of globs, or `{ packages: [...] }`). Supports the globs npm projects use: `*` within
 * one folder name, `**` across folders.
 */
export function matchWorkspaceGlobs(rootPackage: JsonNode | undefined): (folder: string) => boolean {
  const field = jsonMember(rootPackage, 'workspaces');
  const list = field?.kind === 'object' ? jsonMember(field, 'packages') : field;
  const patterns = (list?.kind === 'array' ? list.items : [])
    .map((item) => jsonString(item))
    .filter((glob): glob is string => glob !== undefined)
    .map((glob) => new RegExp(`^${globSource(glob.replace(/^\.\//, '').replace(/\/+$/, ''))}$`));
  return (folder) => patterns.some((pattern) => pattern.test(folder));
}

function globSource(glob: string): string {
  return glob
    .split(/(\*\*\/?|\*)/)
    .map((part) => (part.startsWith('**') ? '(?:.*/)?' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('')
    .replace(/\(\?:\.\*\/\)\?$/, '.*');
}
