import { createScanner, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { JsonEntry, JsonNode } from './json-node.ts';
import { lineIndex, type LineOf } from './line-index.ts';
import { PARSE_LIMITS } from './parse-limits.ts';

/** What `readJsonTree` read: the value (only what comes before the first error) and that error. */
export interface JsonRead {
  root: JsonNode | undefined;
  error?: { line: number; message: string };
}

const MESSAGES: Record<ReturnType<typeof printParseErrorCode>, string> = {
  InvalidSymbol: 'unexpected characters',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a key was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: "':' was expected",
  CommaExpected: "',' was expected",
  CloseBraceExpected: "'}' was expected",
  CloseBracketExpected: "']' was expected",
  EndOfFileExpected: 'unexpected content after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'invalid number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape sequence',
  InvalidCharacter: 'control character inside a string',
  '<unknown ParseErrorCode>': 'syntax error',
};

// jsonc-parser's SyntaxKind values: a const enum, which TypeScript cannot import under verbatimModuleSyntax.
const TOKEN = { openBrace: 1, closeBrace: 2, openBracket: 3, closeBracket: 4, eof: 17 } as const;

/** The offset of the first container opened past the depth limit, by jsonc-parser's scanner (iterative, so it cannot overflow). */
function tooDeep(text: string): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== TOKEN.eof; token = scanner.scan()) {
    if (token === TOKEN.openBrace || token === TOKEN.openBracket) {
      depth += 1;
      if (depth > PARSE_LIMITS.maxDepth) return scanner.getTokenOffset();
    } else if (token === TOKEN.closeBrace || token === TOKEN.closeBracket) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** The JsonNode of a jsonc-parser node, keeping only what ends before `limit` (the first error). */
function convert(node: Node, limit: number, lineOf: LineOf): JsonNode | undefined {
  const line = lineOf(node.offset);
  if (node.type === 'object') {
    const entries: JsonEntry[] = [];
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      const converted =
        key !== undefined && value !== undefined && key.offset + key.length <= limit ? convert(value, limit, lineOf) : undefined;
      if (key === undefined || converted === undefined) break;
      entries.push({ key: String(key.value), line: lineOf(key.offset), value: converted });
    }
    return { kind: 'object', line, entries };
  }
  if (node.type === 'array') {
    const items: JsonNode[] = [];
    for (const child of node.children ?? []) {
      const converted = convert(child, limit, lineOf);
      if (converted === undefined) break;
      items.push(converted);
    }
    return { kind: 'array', line, items };
  }
  if (node.offset + node.length > limit) return undefined;
  if (node.type === 'string') return { kind: 'string', line, value: String(node.value) };
  if (node.type === 'number') return { kind: 'number', line, value: Number(node.value) };
  if (node.type === 'boolean') return { kind: 'boolean', line, value: node.value === true };
  return node.type === 'null' ? { kind: 'null', line } : undefined;
}

/**
 * Reads JSON as npm does (strict: no comments, no trailing commas; a leading byte-order mark is
 * skipped) with jsonc-parser, recording the line of every key and value, so a dependency is
 * reported at the exact line of its key. Repeated keys are all kept. Never throws: on malformed
 * input it returns what comes before the first error, and that error with its line; nesting past
 * `PARSE_LIMITS.maxDepth` is refused before parsing.
 */
export function readJsonTree(source: string): JsonRead {
  // The mark becomes a space, so every offset still points at the same character.
  const text = source.startsWith('\uFEFF') ? ` ${source.slice(1)}` : source;
  const lineOf = lineIndex(text);
  const deep = tooDeep(text);
  if (deep !== undefined)
    return {
      root: undefined,
      error: { line: lineOf(deep), message: `invalid JSON: nested more than ${PARSE_LIMITS.maxDepth} levels deep` },
    };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  const root = tree === undefined ? undefined : convert(tree, first?.offset ?? Number.POSITIVE_INFINITY, lineOf);
  if (first === undefined) return { root };
  const early = first.offset >= text.trimEnd().length ? 'the file ends too early: ' : '';
  return { root, error: { line: lineOf(first.offset), message: `invalid JSON: ${early}${MESSAGES[printParseErrorCode(first.error)]}` } };
}
