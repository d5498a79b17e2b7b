import type { Workspace } from '../workspace-types.ts';
import { readToolFile } from './read-tool-file.ts';
import type { ToolLimits } from './tool-limits.ts';

/**
 * `read_file`: a file's text as the run sees it (base plus overlay), lines numbered, at most
 * `maxReadLines` of them from `start_line`. A secret file is refused without being read.
 */
export async function readFileTool(
  workspace: Workspace,
  args: { path: string; start_line?: number | undefined; end_line?: number | undefined },
  limits: Pick<ToolLimits, 'maxReadLines'>,
): Promise<string> {
  const file = await readToolFile(workspace, args.path);
  if (!file.ok) return file.message;
  const lines = file.text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const first = Math.max(1, args.start_line ?? 1);
  const wantedLast = Math.min(lines.length, args.end_line ?? lines.length);
  const last = Math.min(wantedLast, first + limits.maxReadLines - 1);
  if (first > lines.length) return `${file.path} has ${lines.length} lines; start_line ${first} is past the end`;
  const width = String(last).length;
  const body = lines.slice(first - 1, last).map((line, index) => `${String(first + index).padStart(width)}| ${line}`);
  const more = last < wantedLast ? `\n[… lines ${last + 1}-${wantedLast} not shown: at most ${limits.maxReadLines} lines per call]` : '';
  return `${file.path}, lines ${first}-${last} of ${lines.length}:\n${body.join('\n')}${more}`;
}
