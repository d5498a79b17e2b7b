import { describe, expect, it } from 'vitest';
import { applyTestBonus, type TestBonusCandidate } from '#src/agents/context/apply-test-bonus.ts';
import { buildImportGraph } from '#src/agents/context/import-graph.ts';

const file = (path: string, kind: TestBonusCandidate['kind'], score: number, content = '') => ({
  path,
  kind,
  score,
  content,
  reasons: [] as string[],
});

describe('applyTestBonus', () => {
  it('gives the source a test imports and is named for 60% of the test score', () => {
    const files = [
      file('test/hooks.test.ts', 'test', 20, "import { run } from '../src/hooks.ts';\nimport { merge } from '../src/merge.ts';"),
      file('src/hooks.ts', 'source', 5),
      file('src/merge.ts', 'source', 5),
      file('src/types/hooks.ts', 'source', 5),
    ];
    applyTestBonus(files, buildImportGraph(files));
    const byPath = Object.fromEntries(files.map((entry) => [entry.path, entry]));
    expect(byPath['src/hooks.ts']).toMatchObject({ score: 17, reasons: ['tested by test/hooks.test.ts'] });
    // Imported but not the test's subject, and the subject's namesake the test does not import.
    expect(byPath['src/merge.ts']?.score).toBe(5);
    expect(byPath['src/types/hooks.ts']?.score).toBe(5);
    expect(byPath['test/hooks.test.ts']?.score).toBe(20);
  });

  it('falls back to the one source of that name when the test imports none, and to nothing when the name is ambiguous', () => {
    const unique = [file('tests/test_sessions.py', 'test', 10), file('src/requests/sessions.py', 'source', 1)];
    applyTestBonus(unique, buildImportGraph(unique));
    expect(unique[1]).toMatchObject({ score: 7, reasons: ['tested by tests/test_sessions.py'] });
    const ambiguous = [file('test/index.ts', 'test', 10), file('src/a/index.ts', 'source', 1), file('src/b/index.ts', 'source', 1)];
    applyTestBonus(ambiguous, buildImportGraph(ambiguous));
    expect(ambiguous.map((entry) => entry.score)).toEqual([10, 1, 1]);
  });
});
