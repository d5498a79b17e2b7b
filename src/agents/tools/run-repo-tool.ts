import { z } from 'zod';
import type { ToolCall } from '../../llm/types.ts';
import type { Workspace } from '../workspace-types.ts';
import { listDirTool } from './list-dir-tool.ts';
import { readFileTool } from './read-file-tool.ts';
import { searchTool } from './search-tool.ts';
import type { ToolLimits } from './tool-limits.ts';

const line = z.number().int().min(1).max(10_000_000);
const ARGUMENTS = {
  read_file: z.object({ path: z.string().min(1).max(1000), start_line: line.optional(), end_line: line.optional() }),
  search: z.object({ pattern: z.string().max(1000), regex: z.boolean().optional(), path_glob: z.string().max(1000).optional() }),
  list_dir: z.object({ path: z.string().max(1000) }),
} as const;

/**
 * Runs one tool call of the model against the workspace and returns its raw text result. Unknown
 * tools and arguments that do not fit the tool's schema are answered with what is wrong, so the
 * model can correct itself; nothing the model sends is trusted further than its schema.
 */
export async function runRepoTool(workspace: Workspace, call: ToolCall, limits: ToolLimits): Promise<string> {
  if (!(call.name in ARGUMENTS)) return `refused: there is no tool "${call.name}" (the tools are read_file, search, list_dir)`;
  const name = call.name as keyof typeof ARGUMENTS;
  const parsed = ARGUMENTS[name].safeParse(call.arguments);
  if (!parsed.success)
    return `refused: the arguments of ${name} do not fit its schema: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`).join('; ')}`;
  if (name === 'read_file') return readFileTool(workspace, parsed.data as z.infer<(typeof ARGUMENTS)['read_file']>, limits);
  if (name === 'search') return searchTool(workspace, parsed.data as z.infer<(typeof ARGUMENTS)['search']>, limits);
  return listDirTool(workspace, parsed.data as z.infer<(typeof ARGUMENTS)['list_dir']>, limits);
}
