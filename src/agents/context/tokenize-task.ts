import { rawWords, splitTerms, stemTerm } from './split-terms.ts';

/** What a task description offers for matching files. */
export interface TaskTerms {
  /** Lowercase stemmed terms, stop words and one- or two-character terms dropped; first-seen order. */
  terms: string[];
  /** Words written as identifiers (`httpClient`, `retry_delay`), as written: matched whole-word in content. */
  identifiers: string[];
  /** Multi-part words with the separators removed (`httpClient`, `http-client` → `httpclient`). */
  compounds: string[];
  /** File names or paths named in the task, lowercase, without a leading `./` or `/`. */
  mentions: string[];
  /** Words of four or more characters, as written, that a file may define (`function extend`, `def run`, `class Ky`). */
  words: string[];
  /** The task talks about tests or about documentation, so those files are not ranked below the sources. */
  wantsTests: boolean;
  wantsDocs: boolean;
}

// English filler plus the verbs every task uses ("fix", "add"): they match everything and rank nothing.
const STOP_WORDS = new Set(
  `about above after again all also and any are because been before being both but can cannot could did does doing done
  each few for from further had has have having her here hers him his how into its itself just let make may might more most
  must need needs not now off once only other our ours out over own please same she should some such than that the their
  theirs them then there these they this those through too under until very via was way were what when where which while
  who whom why will with would you your yours fix fixes fixed fixing add adds added adding update updates change changes
  implement support issue bug problem instead new file files code want wants like use using used when work works`
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map(stemTerm),
);

/** A link says where the reporter looked, not what to change: its `https`, `github`, `com` would match every file that links anywhere. */
const URL = /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi;
const TEST_WORDS = /\b(?:tests?|testing|specs?|fixtures?|e2e)\b/i;
const DOC_WORDS = /\b(?:docs?|documentation|readme|changelog|guide)\b/i;

const MENTION = /^(?:\.{0,2}\/)*((?:[\w.@-]+\/)*[\w@-][\w.@-]*\.[A-Za-z][A-Za-z0-9]{0,9})$/;

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/**
 * Tokenizes a task description: terms from `splitTerms` minus stop words; identifiers (words with
 * a camelCase hump or an inner underscore); compounds (multi-part words joined, to match
 * `http-client.ts` from `httpClient`); and file mentions (a whitespace-separated token, stripped of
 * surrounding quotes, backticks and punctuation, that ends in a dot extension: `src/foo.ts`, `foo.ts`;
 * not `e.g.`); words a file may define; and whether the task is about tests or docs. Links
 * (`https://…`) are dropped first.
 */
export function tokenizeTask(text: string): TaskTerms {
  const task = text.replace(URL, ' ');
  const tokens = task.split(/\s+/).map((token) => token.replace(/^[`'"([{<]+|[`'")\]}>,;:!?.]+$/g, ''));
  // A one-letter name without a folder is an abbreviation (`e.g.`, `i.e.`), not a file.
  const mentions = tokens
    .flatMap((token) => MENTION.exec(token)?.[1]?.toLowerCase() ?? [])
    .filter((named) => !/^[^./]\.[^.]+$/.test(named));
  const identifiers = rawWords(task).filter((word) => /[a-z][A-Z]|[A-Za-z0-9]_[A-Za-z0-9]/.test(word));
  const compounds = (task.match(/[A-Za-z0-9_$-]+/g) ?? [])
    .filter((word) => splitTerms(word).length >= 2)
    .map((word) => word.toLowerCase().replace(/[^a-z0-9]/g, ''));
  return {
    terms: unique(splitTerms(task).filter((term) => !STOP_WORDS.has(term))),
    identifiers: unique(identifiers),
    compounds: unique(compounds),
    mentions: unique(mentions),
    words: unique(
      rawWords(task).filter((word) => word.length >= 4 && /^[A-Za-z_$]/.test(word) && !STOP_WORDS.has(stemTerm(word.toLowerCase()))),
    ),
    wantsTests: TEST_WORDS.test(task),
    wantsDocs: DOC_WORDS.test(task),
  };
}
