import type { TermCounts } from './count-task-terms.ts';
import { fileKind, type FileKind } from './file-kind.ts';
import { createLruCache } from '../../lib/create-lru-cache.ts';
import { splitTerms } from './split-terms.ts';
import type { TaskTerms } from './tokenize-task.ts';

/** A file's relevance to a task before the import-graph bonus, with the reasons for it. */
export interface FileScore {
  score: number;
  reasons: string[];
  kind: FileKind;
}

/** How much each task term and each task word a file may declare tells files apart (`termWeights`); 1 when absent. */
export interface TaskWeights {
  terms: ReadonlyMap<string, number>;
  definitions: ReadonlyMap<string, number>;
}

/**
 * What a task's match with a file is worth, by the file's kind, unless the task names the file or
 * asks about that kind: a fix is made in the sources, so tests, docs and data that repeat the
 * task's words must not push the sources out of the top ranks.
 */
export const KIND_FACTORS: Readonly<Record<FileKind, number>> = { source: 1, test: 0.5, docs: 0.4, data: 0.5 };

/** The weights of `scoreFile`, in points. */
export const SCORE_WEIGHTS = {
  /** The task names the file: full path, a path suffix, or its file name. */
  mentionPath: 100,
  mentionSuffix: 90,
  mentionName: 80,
  /** Per task term among the file name's terms, or only among its folders' terms. */
  nameTerm: 8,
  dirTerm: 3,
  /** A task compound (`httpClient`) equal to the file name without separators, or inside it. */
  compoundName: 12,
  compoundPart: 6,
  /** Per task term in the content: `weight × min(contentTermCap, contentTerm × (1 + ln tf))`; all terms at most `contentCap`. */
  contentTerm: 3,
  contentTermCap: 10,
  contentCap: 40,
  /** Per task word the file declares (`function extend`, `def run`); all at most `definitionCap`. */
  definition: 15,
  definitionCap: 20,
  /** Per task identifier found whole-word (case-sensitive): `6 + min(4, 2 × ln tf)`; all at most `identifierCap`. */
  identifier: 6,
  identifierCap: 20,
} as const;

function scoreMention(task: TaskTerms, path: string, reasons: string[]): number {
  const lower = path.toLowerCase();
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  const lowerName = name.toLowerCase();
  let mention = 0;
  let mentioned = '';
  for (const named of task.mentions) {
    const points =
      lower === named
        ? SCORE_WEIGHTS.mentionPath
        : named.includes('/')
          ? lower.endsWith(`/${named}`)
            ? SCORE_WEIGHTS.mentionSuffix
            : 0
          : lowerName === named
            ? SCORE_WEIGHTS.mentionName
            : 0;
    if (points > mention) [mention, mentioned] = [points, named];
  }
  if (mention > 0) reasons.push(`named in the task (${mentioned})`);
  return mention;
}

// A tree's paths share their folders: ranking 100,000 paths splits a few thousand folder names, not 100,000.
const FOLDER_TERMS = createLruCache<ReadonlySet<string>>(8_192);

/** The terms of a folder path, split once per folder. */
function folderTerms(folder: string): ReadonlySet<string> {
  let terms = FOLDER_TERMS.get(folder);
  if (terms === undefined) {
    terms = new Set(splitTerms(folder));
    FOLDER_TERMS.set(folder, terms);
  }
  return terms;
}

function scorePathTerms(task: TaskTerms, path: string, reasons: string[]): number {
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  const stem = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
  const nameTerms = new Set(splitTerms(stem));
  const dirTerms = folderTerms(path.slice(0, Math.max(0, slash)));
  const nameHits = task.terms.filter((term) => nameTerms.has(term));
  const dirHits = task.terms.filter((term) => !nameTerms.has(term) && dirTerms.has(term));
  if (nameHits.length > 0) reasons.push(`name: ${nameHits.join(', ')}`);
  if (dirHits.length > 0) reasons.push(`folder: ${dirHits.join(', ')}`);
  const joined = stem.toLowerCase().replace(/[^a-z0-9]/g, '');
  const whole = task.compounds.find((compound) => compound === joined);
  const part = task.compounds.find((compound) => compound.length >= 6 && joined.includes(compound));
  const compound = whole !== undefined ? SCORE_WEIGHTS.compoundName : part !== undefined ? SCORE_WEIGHTS.compoundPart : 0;
  if (compound > 0) reasons.push(`name ≈ ${whole ?? part}`);
  // A declaration file is all types, whatever its name says: `index.d.ts` answers "fix the types".
  const declaration =
    task.terms.includes('typ') && /\.d\.[mc]?ts$|\.pyi$/.test(name) && !nameHits.includes('typ') ? SCORE_WEIGHTS.nameTerm : 0;
  if (declaration > 0) reasons.push('type declarations');
  return declaration + nameHits.length * SCORE_WEIGHTS.nameTerm + dirHits.length * SCORE_WEIGHTS.dirTerm + compound;
}

function scoreContent(task: TaskTerms, counts: TermCounts, weights: TaskWeights, reasons: string[]): number {
  const found = task.terms.filter((term) => counts.terms.has(term));
  let termPoints = 0;
  for (const term of found) {
    const frequency = counts.terms.get(term) ?? 1;
    termPoints +=
      (weights.terms.get(term) ?? 1) * Math.min(SCORE_WEIGHTS.contentTermCap, SCORE_WEIGHTS.contentTerm * (1 + Math.log(frequency)));
  }
  const weight = (term: string): string => (weights.terms.has(term) ? ` (weight ${(weights.terms.get(term) ?? 1).toFixed(2)})` : '');
  if (found.length > 0) reasons.push(`content: ${found.map((term) => `${term}×${counts.terms.get(term) ?? 0}${weight(term)}`).join(', ')}`);
  const ids = task.identifiers.filter((identifier) => counts.identifiers.has(identifier));
  let idPoints = 0;
  for (const id of ids) idPoints += SCORE_WEIGHTS.identifier + Math.min(4, 2 * Math.log(counts.identifiers.get(id) ?? 1));
  if (ids.length > 0) reasons.push(`identifier: ${ids.map((id) => `${id}×${counts.identifiers.get(id) ?? 0}`).join(', ')}`);
  let definitionPoints = 0;
  for (const word of counts.definitions) definitionPoints += (weights.definitions.get(word) ?? 1) * SCORE_WEIGHTS.definition;
  if (counts.definitions.length > 0)
    reasons.push(
      `defines: ${counts.definitions.map((word) => `${word} (weight ${(weights.definitions.get(word) ?? 1).toFixed(2)})`).join(', ')}`,
    );
  definitionPoints = Math.min(SCORE_WEIGHTS.definitionCap, definitionPoints);
  return Math.min(SCORE_WEIGHTS.contentCap, termPoints) + Math.min(SCORE_WEIGHTS.identifierCap, idPoints) + definitionPoints;
}

/**
 * Scores a file against a task (see `SCORE_WEIGHTS`): the path first (a file the task names
 * outranks everything; task terms in the file name weigh more than in its folders; a compound
 * such as `httpClient` matching `http-client.ts`), then, when the content's counts are known, task
 * terms in the content with log-damped, capped frequency, each scaled by its weight in the
 * repository (`termWeights`: rare terms count, ubiquitous ones barely), task identifiers found as
 * whole words, and task words the file declares (a `.d.ts` or `.pyi` counts as named for "types").
 * The match is then scaled by the file's kind (`KIND_FACTORS`) unless the task names the file or
 * is about tests or docs; the factor is one of the reasons.
 */
export function scoreFile(
  task: TaskTerms,
  path: string,
  counts: TermCounts | null,
  weights: TaskWeights = { terms: new Map(), definitions: new Map() },
): FileScore {
  const reasons: string[] = [];
  const mention = scoreMention(task, path, reasons);
  const kind = fileKind(path);
  // "the type parameters" in prose is not a declaration.
  const code = counts === null || kind !== 'docs' ? counts : { ...counts, definitions: [] };
  const match = scorePathTerms(task, path, reasons) + (code === null ? 0 : scoreContent(task, code, weights, reasons));
  const asked = (kind === 'test' && task.wantsTests) || (kind === 'docs' && task.wantsDocs);
  const factor = mention > 0 || asked ? 1 : KIND_FACTORS[kind];
  if (factor !== 1 && match > 0) reasons.push(`${kind === 'data' ? 'not code' : `${kind} file`}: ×${factor}`);
  return { score: mention + match * factor, reasons, kind };
}
