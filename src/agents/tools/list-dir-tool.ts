import type { Workspace } from '../workspace-types.ts';
import { normalizeToolPath } from './read-tool-file.ts';
import type { ToolLimits } from './tool-limits.ts';

/**
 * `list_dir`: the files and directories directly inside a directory, as the run sees the tree.
 * Secret files are listed (their names are in the tree anyway) but marked unreadable.
 */
export async function listDirTool(
  workspace: Workspace,
  args: { path: string },
  limits: Pick<ToolLimits, 'maxListEntries'>,
): Promise<string> {
  const dir = normalizeToolPath(args.path) === '.' ? '' : normalizeToolPath(args.path);
  const prefix = dir === '' ? '' : `${dir}/`;
  const entries = new Map<string, string>();
  for (const entry of await workspace.listTree()) {
    if (!entry.path.startsWith(prefix)) continue;
    const rest = entry.path.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash >= 0) entries.set(`${rest.slice(0, slash)}/`, '');
    else entries.set(rest, workspace.isSecretFile(entry.path) ? ' (secret file: not readable)' : ` (${entry.size} bytes)`);
  }
  if (entries.size === 0) return `not found: no directory "${dir || '.'}" with files in it`;
  const names = [...entries.keys()].sort();
  const shown = names.slice(0, limits.maxListEntries).map((name) => `${name}${entries.get(name)}`);
  const more = names.length > shown.length ? `\n[… ${names.length - shown.length} more entries not shown]` : '';
  return `${dir || '.'}: ${names.length} entries\n${shown.join('\n')}${more}`;
}
