/** A node of a parsed search pattern: the regular subset a linear-time matcher can run. */
export type PatternNode =
  | { kind: 'char'; test: (code: number) => boolean }
  | { kind: 'assert'; at: 'line-start' | 'line-end' | 'word-boundary' | 'not-word-boundary' }
  | { kind: 'concat'; items: PatternNode[] }
  | { kind: 'alternate'; options: PatternNode[] }
  | { kind: 'repeat'; item: PatternNode; min: number; max: number };

/** A parsed pattern, or why it is refused (completes "the pattern …"). */
export type ParsedPattern = { ok: true; node: PatternNode } | { ok: false; problem: string };

/** Largest `{m,n}` bound accepted: larger ones only make the matcher's program big. */
export const MAX_REPEAT = 1000;
/** Longest pattern accepted, in characters. */
export const MAX_PATTERN_LENGTH = 500;

const isDigit = (code: number) => code >= 48 && code <= 57;
const isWord = (code: number) => isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
const isSpace = (code: number) =>
  code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0xfeff || /\s/u.test(String.fromCodePoint(code));
const CLASS_ESCAPES: Readonly<Record<string, (code: number) => boolean>> = {
  d: isDigit,
  D: (code) => !isDigit(code),
  w: isWord,
  W: (code) => !isWord(code),
  s: isSpace,
  S: (code) => !isSpace(code),
};
const CONTROL_ESCAPES: Readonly<Record<string, number>> = { n: 10, t: 9, r: 13, f: 12, v: 11, '0': 0 };
const SYNTAX = new Set([...'\\^$.|?*+()[]{}/-']);

class Refused extends Error {}

/**
 * Parses a JavaScript-style regular expression, refusing everything that is not regular in the
 * strict sense: backreferences, lookahead and lookbehind, inline flags. What is left (literals,
 * `.`, classes, `\d\w\s` and their negations, `^ $ \b \B`, groups, `|`, `* + ? {m,n}`, lazy
 * forms) has an equivalent automaton, so a match costs time linear in the text whatever the
 * pattern (see matchLine). Recursive descent over at most MAX_PATTERN_LENGTH characters.
 */
export function parseSearchPattern(source: string): ParsedPattern {
  if (source.length === 0) return { ok: false, problem: 'is empty' };
  if (source.length > MAX_PATTERN_LENGTH) return { ok: false, problem: `is longer than ${MAX_PATTERN_LENGTH} characters` };
  const chars = Array.from(source);
  let at = 0;
  const peek = () => chars[at];
  const fail = (problem: string): never => {
    throw new Refused(problem);
  };

  const alternation = (): PatternNode => {
    const options = [sequence()];
    while (peek() === '|') {
      at += 1;
      options.push(sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'alternate', options };
  };
  const sequence = (): PatternNode => {
    const items: PatternNode[] = [];
    while (at < chars.length && peek() !== '|' && peek() !== ')') items.push(quantified(atom()));
    return { kind: 'concat', items };
  };
  const quantified = (item: PatternNode): PatternNode => {
    let node = item;
    for (;;) {
      const next = peek();
      let bounds: [number, number] | null = null;
      if (next === '*') bounds = [0, Infinity];
      else if (next === '+') bounds = [1, Infinity];
      else if (next === '?') bounds = [0, 1];
      else if (next === '{') bounds = braces();
      if (bounds === null) return node;
      if (next !== '{') at += 1;
      if (peek() === '?') at += 1;
      if (node.kind === 'assert') fail('repeats an anchor');
      node = { kind: 'repeat', item: node, min: bounds[0], max: bounds[1] };
    }
  };
  // `{` that does not start a valid bound is a literal, as in JavaScript without the u flag.
  const braces = (): [number, number] | null => {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(chars.slice(at, at + 16).join(''));
    if (!match) return null;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
    if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) fail(`repeats more than ${MAX_REPEAT} times`);
    if (max < min) fail(`has a repeat {${min},${max}} whose bounds are out of order`);
    at += match[0].length;
    return [min, max];
  };
  const atom = (): PatternNode => {
    const char = chars[at++]!;
    if (char === '(') {
      if (peek() === '?') {
        if (chars[at + 1] !== ':') fail('uses a lookaround, a named group or inline flags: only (?: ) groups are supported');
        at += 2;
      }
      const inner = alternation();
      if (peek() !== ')') fail('has an unclosed group');
      at += 1;
      return inner;
    }
    if (char === ')') fail('has an unmatched ")"');
    if (char === '*' || char === '+' || char === '?') fail(`has "${char}" with nothing to repeat`);
    if (char === '.') return { kind: 'char', test: (code) => code !== 10 && code !== 13 };
    if (char === '^') return { kind: 'assert', at: 'line-start' };
    if (char === '$') return { kind: 'assert', at: 'line-end' };
    if (char === '[') return characterClass();
    if (char === '\\') return escape(false) as PatternNode;
    const code = char.codePointAt(0)!;
    return { kind: 'char', test: (other) => other === code };
  };
  const escape = (inClass: boolean): PatternNode | number | ((code: number) => boolean) => {
    const char = chars[at++];
    if (char === undefined) return fail('ends with a lone backslash');
    if (char in CLASS_ESCAPES) return inClass ? CLASS_ESCAPES[char]! : { kind: 'char', test: CLASS_ESCAPES[char]! };
    if (!inClass && (char === 'b' || char === 'B')) return { kind: 'assert', at: char === 'b' ? 'word-boundary' : 'not-word-boundary' };
    if (/[1-9]/.test(char) || char === 'k') fail('uses a backreference, which no linear-time matcher can run');
    let code: number;
    if (char in CONTROL_ESCAPES) code = CONTROL_ESCAPES[char]!;
    else if (char === 'x' || char === 'u') {
      const width = char === 'x' ? 2 : 4;
      const hex = chars.slice(at, at + width).join('');
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) fail(`has an incomplete \\${char} escape`);
      at += width;
      code = Number.parseInt(hex, 16);
    } else if (SYNTAX.has(char) || !/[A-Za-z0-9]/.test(char)) code = char.codePointAt(0)!;
    else return fail(`uses the escape \\${char}, which is not supported`);
    return inClass ? code : { kind: 'char', test: (other) => other === code };
  };
  const characterClass = (): PatternNode => {
    const negated = peek() === '^';
    if (negated) at += 1;
    const tests: Array<(code: number) => boolean> = [];
    let first = true;
    while (at < chars.length && (peek() !== ']' || first)) {
      first = false;
      const low = classMember();
      if (typeof low === 'number' && peek() === '-' && chars[at + 1] !== undefined && chars[at + 1] !== ']') {
        at += 1;
        const high = classMember();
        if (typeof high !== 'number') fail('has a range that ends in a class such as \\d');
        if ((high as number) < low) fail('has a range whose ends are out of order');
        tests.push((code) => code >= low && code <= (high as number));
      } else if (typeof low === 'number') tests.push((code) => code === low);
      else tests.push(low);
    }
    if (peek() !== ']') fail('has an unclosed "["');
    at += 1;
    const inside = (code: number) => tests.some((test) => test(code));
    return { kind: 'char', test: negated ? (code) => !inside(code) : inside };
  };
  const classMember = (): number | ((code: number) => boolean) => {
    const char = chars[at++]!;
    if (char !== '\\') return char.codePointAt(0)!;
    return escape(true) as number | ((code: number) => boolean);
  };

  try {
    const node = alternation();
    if (at < chars.length) fail('has an unmatched ")"');
    return { ok: true, node };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, problem: error.message };
    throw error;
  }
}
