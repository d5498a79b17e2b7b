import { describe, expect, it } from 'vitest';
import { createProgressReporter } from '#src/cli/commands/create-progress-reporter.ts';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, write: (text: string) => writes.push(text) > 0 };
}

describe('createProgressReporter', () => {
  it('writes only finished lines when stderr is not a terminal', () => {
    const target = stream(false);
    const progress = createProgressReporter(target);
    progress.start('planner');
    progress.line('planner ✓ 1.2 s €0.0030');
    progress.stop();
    expect(target.writes).toEqual(['planner ✓ 1.2 s €0.0030\n']);
  });

  it('draws a spinner with the elapsed time on a terminal and clears it before a finished line', () => {
    const target = stream(true);
    let now = 0;
    const progress = createProgressReporter(target, () => now);
    progress.start('coder');
    now = 1500;
    progress.line('coder ✓ 1.5 s €0.0010');
    expect(target.writes[0]).toBe('\r\u001b[2K⠋ coder 0.0 s');
    expect(target.writes.slice(-2)).toEqual(['\r\u001b[2K', 'coder ✓ 1.5 s €0.0010\n']);
    progress.stop();
    expect(target.writes).toHaveLength(3);
  });
});
