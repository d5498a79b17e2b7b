import { Lexer } from 'yaml';
import { PARSE_LIMITS } from './parse-limits.ts';

/** Tokens yaml's lexer adds that are not part of the source text (document, scalar and flow-error markers). */
const CONTROL_TOKENS: ReadonlySet<string> = new Set(['\u0002', '\u0018', '\u001f']);

/**
 * The 1-based line where flow collections (`[`, `{`) nest deeper than `PARSE_LIMITS.maxDepth`,
 * or undefined. Counted over yaml's own lexer, which knows quotes and block scalars and runs in
 * one pass: the parser and composer would need gigabytes for a line of a hundred thousand `[`.
 */
export function yamlFlowTooDeep(text: string): number | undefined {
  let depth = 0;
  let line = 1;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      depth += 1;
      if (depth > PARSE_LIMITS.maxDepth) return line;
    } else if (token === ']' || token === '}') {
      depth = Math.max(0, depth - 1);
    } else if (!CONTROL_TOKENS.has(token)) {
      for (let at = token.indexOf('\n'); at !== -1; at = token.indexOf('\n', at + 1)) line += 1;
    }
  }
  return undefined;
}
