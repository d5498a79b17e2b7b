import { rawWords, splitTerms } from './split-terms.ts';
import type { TaskTerms } from './tokenize-task.ts';

/** How often a file's content uses the task's terms and identifiers, and which task words it defines. */
export interface TermCounts {
  terms: ReadonlyMap<string, number>;
  identifiers: ReadonlyMap<string, number>;
  /** Task words the file declares: `function x`, `class x`, `def x`, `const x =`, `x(…) {` methods … */
  definitions: readonly string[];
}

// Declarations in JavaScript, TypeScript and Python; a regular expression, like the import parser, because it only has to rank.
const DECLARATION =
  /\b(?:function\*?|class|def|interface|type|enum|const|let|var)\s+([A-Za-z_$][\w$]*)|^[ \t]*(?:(?:public|private|protected|static|async|get|set|readonly)\s+)*([A-Za-z_$][\w$]*)\s*(?:<[^>\n]*>)?\([^)\n]*\)\s*(?::[^{\n]*)?\{/gm;

/** Statements that look like a method declaration to `DECLARATION`. */
const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'with', 'return', 'function']);

/** Counts, in one pass over the content, what `scoreFile` matches against the task. */
export function countTaskTerms(task: TaskTerms, content: string): TermCounts {
  const wanted = new Set(task.terms);
  const terms = new Map<string, number>();
  for (const term of splitTerms(content)) if (wanted.has(term)) terms.set(term, (terms.get(term) ?? 0) + 1);
  const identifiers = new Map<string, number>();
  const ids = new Set(task.identifiers);
  if (ids.size > 0) for (const word of rawWords(content)) if (ids.has(word)) identifiers.set(word, (identifiers.get(word) ?? 0) + 1);
  const words = new Set(task.words);
  const definitions = new Set<string>();
  if (words.size > 0)
    for (const match of content.matchAll(DECLARATION)) {
      const name = match[1] ?? match[2] ?? '';
      if (words.has(name) && !KEYWORDS.has(name)) definitions.add(name);
    }
  return { terms, identifiers, definitions: task.words.filter((word) => definitions.has(word)) };
}
