import { rawWords, splitTerms } from './split-terms.ts';
import type { TaskTerms } from './tokenize-task.ts';

/** A file's relevance to a task before the import-graph bonus, with the reasons for it. */
export interface FileScore {
  score: number;
  reasons: string[];
}

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
  /** Per task term in the content: `2 × (1 + ln tf)`, at most `contentTermCap`; all terms at most `contentCap`. */
  contentTermCap: 6,
  contentCap: 30,
  /** Per task identifier found whole-word (case-sensitive): `6 + min(4, 2 × ln tf)`; all at most `identifierCap`. */
  identifier: 6,
  identifierCap: 20,
} as const;

function scorePath(task: TaskTerms, path: string, reasons: string[]): number {
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
  const stem = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
  const nameTerms = new Set(splitTerms(stem));
  const dirTerms = new Set(splitTerms(path.slice(0, Math.max(0, slash))));
  const nameHits = task.terms.filter((term) => nameTerms.has(term));
  const dirHits = task.terms.filter((term) => !nameTerms.has(term) && dirTerms.has(term));
  if (nameHits.length > 0) reasons.push(`name: ${nameHits.join(', ')}`);
  if (dirHits.length > 0) reasons.push(`folder: ${dirHits.join(', ')}`);
  const joined = stem.toLowerCase().replace(/[^a-z0-9]/g, '');
  const whole = task.compounds.find((compound) => compound === joined);
  const part = task.compounds.find((compound) => compound.length >= 6 && joined.includes(compound));
  const compound = whole !== undefined ? SCORE_WEIGHTS.compoundName : part !== undefined ? SCORE_WEIGHTS.compoundPart : 0;
  if (compound > 0) reasons.push(`name ≈ ${whole ?? part}`);
  return mention + nameHits.length * SCORE_WEIGHTS.nameTerm + dirHits.length * SCORE_WEIGHTS.dirTerm + compound;
}

function scoreContent(task: TaskTerms, content: string, reasons: string[]): number {
  const wanted = new Set(task.terms);
  const counts = new Map<string, number>();
  for (const term of splitTerms(content)) if (wanted.has(term)) counts.set(term, (counts.get(term) ?? 0) + 1);
  const found = task.terms.filter((term) => counts.has(term));
  let termPoints = 0;
  for (const term of found) termPoints += Math.min(SCORE_WEIGHTS.contentTermCap, 2 * (1 + Math.log(counts.get(term) ?? 1)));
  if (found.length > 0) reasons.push(`content: ${found.map((term) => `${term}×${counts.get(term) ?? 0}`).join(', ')}`);
  const identifiers = new Set(task.identifiers);
  const idCounts = new Map<string, number>();
  if (identifiers.size > 0)
    for (const word of rawWords(content)) if (identifiers.has(word)) idCounts.set(word, (idCounts.get(word) ?? 0) + 1);
  const ids = task.identifiers.filter((identifier) => idCounts.has(identifier));
  let idPoints = 0;
  for (const id of ids) idPoints += SCORE_WEIGHTS.identifier + Math.min(4, 2 * Math.log(idCounts.get(id) ?? 1));
  if (ids.length > 0) reasons.push(`identifier: ${ids.map((id) => `${id}×${idCounts.get(id) ?? 0}`).join(', ')}`);
  return Math.min(SCORE_WEIGHTS.contentCap, termPoints) + Math.min(SCORE_WEIGHTS.identifierCap, idPoints);
}

/**
 * Scores a file against a task (see `SCORE_WEIGHTS`): the path first (a file the task names
 * outranks everything; task terms in the file name weigh more than in its folders; a compound
 * such as `httpClient` matching `http-client.ts`), then, when the content is known, task terms in
 * the content with log-damped, capped frequency and task identifiers found as whole words.
 */
export function scoreFile(task: TaskTerms, path: string, content: string | null): FileScore {
  const reasons: string[] = [];
  const pathPoints = scorePath(task, path, reasons);
  const contentPoints = content === null ? 0 : scoreContent(task, content, reasons);
  return { score: pathPoints + contentPoints, reasons };
}
