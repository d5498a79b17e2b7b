/** The leading spaces and tabs of a line. */
export function indentationOf(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/**
 * Moves lines from one indentation to another, keeping their relative indentation: a block the
 * model wrote at `from` lands at `to`, where the file has it. When both indentations are runs of
 * one character (spaces or tabs) the shift is by count, so lines indented less than `from` move
 * too; otherwise the `from` prefix is swapped for `to` where a line has it.
 */
export function reindentLines(lines: readonly string[], from: string, to: string): string[] {
  if (from === to) return [...lines];
  const unit = uniformUnit(from, to);
  return lines.map((line) => {
    if (line.trim() === '') return line;
    const indent = indentationOf(line);
    if (unit !== null && indent === unit.repeat(indent.length)) {
      const width = Math.max(0, indent.length + to.length - from.length);
      return unit.repeat(width) + line.slice(indent.length);
    }
    return line.startsWith(from) ? to + line.slice(from.length) : line;
  });
}

function uniformUnit(from: string, to: string): string | null {
  const both = from + to;
  const unit = both[0];
  if (unit === undefined || both !== unit.repeat(both.length)) return null;
  return unit;
}
