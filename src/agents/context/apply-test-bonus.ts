import type { FileKind } from './file-kind.ts';
import type { ImportGraph } from './import-graph.ts';

/** A scored file the bonus may raise; `score` and `reasons` are updated in place. */
export interface TestBonusCandidate {
  path: string;
  kind: FileKind;
  score: number;
  reasons: string[];
}

/** A source file gets this share of the score of the best-scoring test that tests it. */
const SUBJECT_BONUS = 0.6;

/** `test/hooks.test.ts`, `tests/test_hooks.py`, `hooks_test.py`, `hooks.spec.js` → `hooks`. */
function subjectStem(path: string): string {
  const name = (path.slice(path.lastIndexOf('/') + 1).split('.')[0] ?? '').toLowerCase();
  return name.replace(/^test_|_test$|-test$/g, '').replace(/[^a-z0-9]/g, '');
}

/**
 * Passes a test file's match on to the source file it tests, so a test that repeats the task's
 * words more often than its source does not stay ahead of it: a source file whose name is the
 * test's name without the test markers, imported by the test (or, when the test imports none,
 * the only source of that name in the tree), gets 60% of the best such test's score. Scores are
 * those before any bonus, so the result does not depend on the order of the files.
 */
export function applyTestBonus(files: TestBonusCandidate[], graph: ImportGraph): void {
  const byStem = new Map<string, TestBonusCandidate[]>();
  for (const file of files)
    if (file.kind === 'source') byStem.set(subjectStem(file.path), [...(byStem.get(subjectStem(file.path)) ?? []), file]);
  const bonus = new Map<string, { points: number; by: string }>();
  for (const test of files) {
    if (test.kind !== 'test' || test.score <= 0) continue;
    const named = byStem.get(subjectStem(test.path)) ?? [];
    const imported = named.filter((file) => graph.imports.get(test.path)?.has(file.path) === true);
    const subjects = imported.length > 0 ? imported : named.length === 1 ? named : [];
    for (const subject of subjects) {
      const points = test.score * SUBJECT_BONUS;
      const held = bonus.get(subject.path);
      if (held === undefined || points > held.points || (points === held.points && test.path < held.by))
        bonus.set(subject.path, { points, by: test.path });
    }
  }
  for (const file of files) {
    const given = bonus.get(file.path);
    if (given === undefined) continue;
    file.score += given.points;
    file.reasons.push(`tested by ${given.by}`);
  }
}
