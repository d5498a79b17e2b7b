import { buildImportGraph, type ImportGraph } from './import-graph.ts';

/** A scored file the bonus may raise; `score` and `reasons` are updated in place. */
export interface BonusCandidate {
  path: string;
  content: string;
  score: number;
  reasons: string[];
}

/** How many of the best-scoring files spread the bonus. */
const TOP_MATCHES = 5;
/** A top match scores at least this share of the best score. */
const TOP_SHARE = 0.5;
/** Bonus as a share of the top match's score: for a file it imports, and for a file that imports it. */
const IMPORTED_BONUS = 0.3;
const IMPORTER_BONUS = 0.15;

const byScore = (a: BonusCandidate, b: BonusCandidate): number => b.score - a.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * Raises files next to the best matches in the import graph: the top matches (at most 5 files
 * scoring at least half the best score) give each file they import 30% of their score and each
 * file importing them 15%. A file gets the largest bonus of each kind, not a sum, so a module
 * imported everywhere does not float to the top. Scores are those before any bonus, so the
 * result does not depend on the order of the files.
 */
export function applyImportBonus(files: BonusCandidate[], graph: ImportGraph = buildImportGraph(files)): void {
  const best = files.reduce((max, file) => Math.max(max, file.score), 0);
  const tops = files
    .filter((file) => file.score > 0 && file.score >= best * TOP_SHARE)
    .sort(byScore)
    .slice(0, TOP_MATCHES);
  const imported = new Map<string, { points: number; by: string }>();
  const importer = new Map<string, { points: number; by: string }>();
  const offer = (into: typeof imported, path: string, points: number, by: string): void => {
    if (points > (into.get(path)?.points ?? 0)) into.set(path, { points, by });
  };
  for (const top of tops) {
    for (const target of graph.imports.get(top.path) ?? []) offer(imported, target, top.score * IMPORTED_BONUS, top.path);
    for (const source of graph.importers.get(top.path) ?? []) offer(importer, source, top.score * IMPORTER_BONUS, top.path);
  }
  for (const file of files) {
    const down = imported.get(file.path);
    const up = importer.get(file.path);
    if (down) file.reasons.push(`imported by ${down.by}`);
    if (up) file.reasons.push(`imports ${up.by}`);
    file.score += (down?.points ?? 0) + (up?.points ?? 0);
  }
}
