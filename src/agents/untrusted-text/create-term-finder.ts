/** Finds terminators in one text, scanning each part of it at most once per terminator. */
export interface TermFinder {
  /** The index just after the next `term` at or after `from`, or the text's length without one. */
  after(term: string, from: number): number;
  /** The index just after the next `-->` or `--!>` (HTML's comment ends) at or after `from`, or the length. */
  commentEnd(from: number): number;
}

/**
 * A finder for a scanner that only moves forward: `from` must never decrease between calls. The
 * next occurrence of each terminator is remembered, so a text with many openers and no closer
 * (65,536 `<!--`) costs one scan, not one scan per opener: that is what keeps sanitizing linear.
 */
export function createTermFinder(text: string): TermFinder {
  const next = new Map<string, number>();
  const find = (term: string, from: number): number => {
    const known = next.get(term);
    if (known !== undefined && (known < 0 || known >= from)) return known;
    const found = text.indexOf(term, from);
    next.set(term, found);
    return found;
  };
  return {
    after(term, from) {
      const at = find(term, from);
      return at < 0 ? text.length : at + term.length;
    },
    commentEnd(from) {
      const dashes = find('-->', from);
      const bang = find('--!>', from);
      if (dashes < 0 && bang < 0) return text.length;
      if (bang < 0 || (dashes >= 0 && dashes < bang)) return dashes + 3;
      return bang + 4;
    },
  };
}
