import { describe, expect, it } from 'vitest';
import { rankFiles } from '#src/agents/context/rank-files.ts';
import { SYNTHETIC_RANKING_CASES } from '../../../fixtures/ranking-synthetic-cases.ts';

function recallAt(k: number, task: string, tree: Record<string, string>, gold: readonly string[]): number {
  const files = Object.entries(tree).map(([path, content]) => ({ path, content, size: Buffer.byteLength(content) }));
  const top = rankFiles({ task, files, tokenBudget: 1_000_000 })
    .ranked.slice(0, k)
    .map((file) => file.path);
  return gold.filter((path) => top.includes(path)).length / gold.length;
}

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('context ranking recall on synthetic fix cases (runs without the fetched mirrors)', () => {
  it('puts every file each fix changed in the top 5 of about 20, though their tests and docs repeat the task more', () => {
    const misses = SYNTHETIC_RANKING_CASES.filter((entry) => recallAt(5, entry.task, entry.tree, entry.gold) < 1).map(
      (entry) => entry.name,
    );
    expect(misses).toEqual([]);
  });

  it('keeps recall@3 at 0.8 or more over the five cases', () => {
    const recall = mean(SYNTHETIC_RANKING_CASES.map((entry) => recallAt(3, entry.task, entry.tree, entry.gold)));
    expect(recall).toBeGreaterThanOrEqual(0.8);
  });
});
