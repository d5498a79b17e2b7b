import { describe, expect, it } from 'vitest';
import { branchNameForTask } from '#src/cli/commands/branch-name-for-task.ts';

const RUN = '5d49ae3b-7f07-4747-bfa2-cabe3262f016';

describe('branchNameForTask', () => {
  it('slugs the task to lowercase a-z, 0-9 and dashes, and adds 4 hex of the run id', () => {
    expect(branchNameForTask('Fix add(): returns -1 for add(2, 3)!', RUN)).toBe('aos/fix-add-returns-1-for-add-2-3-5d49');
  });

  it('drops accents and cuts the slug at 40 characters without a trailing dash', () => {
    const name = branchNameForTask('Überprüfe die Größe der Datei und kürze zu lange Zeilen sofort', RUN);
    expect(name).toBe('aos/uberprufe-die-gro-e-der-datei-und-kurze-5d49');
    const slug = name.slice('aos/'.length, -'-5d49'.length);
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('falls back to "task" when nothing of the task is left', () => {
    expect(branchNameForTask('😀 ??? ...', RUN)).toBe('aos/task-5d49');
  });

  it('gives two runs of the same task different branches', () => {
    expect(branchNameForTask('fix add', RUN)).not.toBe(branchNameForTask('fix add', 'a1b2c3d4-0000-4000-8000-000000000000'));
  });
});
