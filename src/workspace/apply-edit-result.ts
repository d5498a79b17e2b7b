/** What applying an edit to a file's text gives: the new text (null: deleted) or why it failed. */
export type ApplyEditResult = { ok: true; content: string | null } | { ok: false; reason: string };

/** A failed `ApplyEditResult`. */
export function editFailed(reason: string): ApplyEditResult {
  return { ok: false, reason };
}

/** The message for a search text found more than once, listing the 1-based lines it starts on. */
export function ambiguousSearch(path: string, lines: readonly number[]): string {
  return `the search text matches ${lines.length} times in ${JSON.stringify(path)} (at lines ${lines.join(', ')}); include more surrounding lines so that it matches exactly once`;
}

/** The message for a search text found nowhere. */
export function searchNotFound(path: string): string {
  return `the search text was not found in ${JSON.stringify(path)}, not even when ignoring indentation, trailing whitespace and line endings; copy the lines to replace exactly from the current file`;
}
