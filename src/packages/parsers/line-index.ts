/** Maps character offsets of a text to 1-based line numbers. */
export type LineOf = (offset: number) => number;

/**
 * An index of where each line of `text` starts, answering the line of any offset by binary
 * search: parsers that report offsets (jsonc-parser) then cost one pass over the text in all.
 */
export function lineIndex(text: string): LineOf {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}
