import { ambiguousSearch, editFailed, type ApplyEditResult } from './apply-edit-result.ts';
import { detectLineEnding, withLineEnding } from './line-endings.ts';
import { replaceLineBlock } from './replace-line-block.ts';
import type { Edit } from '../agents/workspace-types.ts';

export type { ApplyEditResult } from './apply-edit-result.ts';

/**
 * Applies one edit to a file's current text (null: the file does not exist). `create` needs a
 * missing file, `delete` an existing one. `replace` needs its search text exactly once: an exact
 * match first, then a whole-line match that tolerates whitespace-only differences (trailing
 * whitespace, CRLF against LF, indentation). The replacement takes the file's line ending. Failures
 * say what went wrong in words the coder can send back to the model.
 */
export function applyEdit(current: string | null, edit: Edit): ApplyEditResult {
  const shown = JSON.stringify(edit.path);
  switch (edit.kind) {
    case 'create':
      return current === null
        ? { ok: true, content: edit.content }
        : editFailed(`${shown} already exists; use a replace edit to change it`);
    case 'delete':
      return current === null ? editFailed(`${shown} does not exist, so it cannot be deleted`) : { ok: true, content: null };
    case 'replace':
      if (current === null) return editFailed(`${shown} does not exist; use a create edit for a new file`);
      return replaceOnce(edit.path, current, edit.search, edit.replace);
  }
}

function replaceOnce(path: string, text: string, search: string, replace: string): ApplyEditResult {
  if (search === '') return editFailed(`the search text for ${JSON.stringify(path)} is empty; give the exact lines to replace`);
  const eol = detectLineEnding(text);
  const replacement = withLineEnding(replace, eol);
  for (const candidate of new Set([search, withLineEnding(search, eol)])) {
    const at = occurrences(text, candidate);
    const [first] = at;
    if (at.length > 1)
      return editFailed(
        ambiguousSearch(
          path,
          at.map((index) => lineNumberAt(text, index)),
        ),
      );
    if (first !== undefined) return { ok: true, content: text.slice(0, first) + replacement + text.slice(first + candidate.length) };
  }
  return replaceLineBlock(path, text, search, replace, eol);
}

function occurrences(text: string, search: string): number[] {
  const found: number[] = [];
  for (let index = text.indexOf(search); index !== -1 && found.length < 20; index = text.indexOf(search, index + 1)) found.push(index);
  return found;
}

function lineNumberAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}
