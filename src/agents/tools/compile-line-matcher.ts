import type { PatternNode } from './parse-search-pattern.ts';

/** Most automaton states a pattern may compile to (bounded repeats are expanded). */
export const MAX_STATES = 20_000;

type State =
  | { kind: 'char'; test: (code: number) => boolean; next: number }
  | { kind: 'split'; a: number; b: number }
  | { kind: 'assert'; at: Extract<PatternNode, { kind: 'assert' }>['at']; next: number }
  | { kind: 'match' };

/** Runs a compiled pattern over one line: whether it matches, and the work it took. */
export interface LineMatcher {
  /** States in the automaton: the work per character is at most this. */
  size: number;
  /**
   * The code-unit index where the first match starts (-1 when none), and the state steps taken;
   * gives up (index -1, `exhausted`) once more than `maxSteps` steps were taken.
   */
  match(line: string, maxSteps?: number): { index: number; steps: number; exhausted: boolean };
}

const isWord = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;

/**
 * Compiles a parsed pattern to a Thompson automaton and returns a matcher that simulates it over
 * a line (every start position at once, a set of states per character, never backtracking), so
 * matching a line of n characters takes at most n × size steps, whatever the pattern. Returns
 * null when the program would exceed MAX_STATES.
 */
export function compileLineMatcher(root: PatternNode): LineMatcher | null {
  const states: State[] = [{ kind: 'match' }];
  const push = (state: State) => {
    if (states.length >= MAX_STATES) throw new RangeError('pattern too large');
    states.push(state);
    return states.length - 1;
  };
  // Built back to front: each node is emitted knowing the state that follows it.
  const emit = (node: PatternNode, next: number): number => {
    switch (node.kind) {
      case 'char':
        return push({ kind: 'char', test: node.test, next });
      case 'assert':
        return push({ kind: 'assert', at: node.at, next });
      case 'concat':
        return node.items.reduceRight((after, item) => emit(item, after), next);
      case 'alternate':
        return node.options.map((option) => emit(option, next)).reduceRight((rest, start) => push({ kind: 'split', a: start, b: rest }));
      case 'repeat': {
        let after = next;
        if (node.max === Infinity) {
          const loop = push({ kind: 'split', a: -1, b: next });
          (states[loop] as { a: number }).a = emit(node.item, loop);
          after = loop;
        } else for (let i = node.min; i < node.max; i += 1) after = push({ kind: 'split', a: emit(node.item, after), b: next });
        // The optional copies above chain so x{1,3} is x(x(x)?)?: an absent copy skips the rest.
        for (let i = 0; i < node.min; i += 1) after = emit(node.item, after);
        return after;
      }
    }
  };
  let start: number;
  try {
    start = emit(root, 0);
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
  const size = states.length;
  const mark = new Uint32Array(size);
  let generation = 0;

  return {
    size,
    match(line, maxSteps = Number.POSITIVE_INFINITY) {
      let steps = 0;
      let current: Array<{ state: number; origin: number }> = [];
      const codeAt = (index: number) => (index < line.length ? line.codePointAt(index)! : -1);
      const before = (index: number) => (index > 0 ? line.charCodeAt(index - 1) : -1);
      // Follows splits and assertions from a state at `index`, adding the char and match states it reaches.
      const add = (list: typeof current, state: number, origin: number, index: number) => {
        const stack = [state];
        while (stack.length > 0) {
          const id = stack.pop()!;
          if (mark[id] === generation) continue;
          mark[id] = generation;
          steps += 1;
          const s = states[id]!;
          if (s.kind === 'split') stack.push(s.b, s.a);
          else if (s.kind === 'assert') {
            const boundary = isWord(before(index)) !== isWord(codeAt(index));
            const holds =
              s.at === 'line-start'
                ? index === 0
                : s.at === 'line-end'
                  ? index === line.length
                  : s.at === 'word-boundary'
                    ? boundary
                    : !boundary;
            if (holds) stack.push(s.next);
          } else list.push({ state: id, origin });
        }
      };
      let index = 0;
      for (;;) {
        generation += 1;
        // Earlier starts were added first and keep their place, so the first match found starts leftmost.
        const seeded: typeof current = [];
        for (const entry of current) add(seeded, entry.state, entry.origin, index);
        add(seeded, start, index, index);
        const found = seeded.find((entry) => states[entry.state]!.kind === 'match');
        if (found) return { index: found.origin, steps, exhausted: false };
        if (index >= line.length) return { index: -1, steps, exhausted: false };
        if (steps > maxSteps) return { index: -1, steps, exhausted: true };
        const code = codeAt(index);
        const width = code > 0xffff ? 2 : 1;
        const next: typeof current = [];
        for (const entry of seeded) {
          const s = states[entry.state]!;
          steps += 1;
          if (s.kind === 'char' && s.test(code)) next.push({ state: s.next, origin: entry.origin });
        }
        current = next;
        index += width;
      }
    },
  };
}
