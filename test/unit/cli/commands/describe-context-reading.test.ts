import { describe, expect, it } from 'vitest';
import { describeContextReading } from '#src/cli/commands/describe-context-reading.ts';

describe('describeContextReading', () => {
  it('says how much of a 100,000-file tree was read and why the rest was not, leaving out empty parts', () => {
    expect(
      describeContextReading({
        listed: 100_000,
        read: 812,
        readBytes: 3.1 * 1024 * 1024,
        belowTopByPath: 97_000,
        overByteBudget: 1_188,
        excluded: 988,
        skipped: 12,
        maxFilesRead: 2_000,
        maxBytesRead: 8 * 1024 * 1024,
      }),
    ).toBe(
      'Read 812 of 100,000 files (3.1 MB): 97,000 ranked below the top 2,000 by path; 1,188 did not fit the 8.0 MB read budget; ' +
        '988 were excluded by path or size (over 200 KB, lockfiles, generated, minified, binary); 12 are symlinks, submodules or secret files.',
    );
    expect(
      describeContextReading({
        listed: 3,
        read: 3,
        readBytes: 0,
        belowTopByPath: 0,
        overByteBudget: 0,
        excluded: 0,
        skipped: 0,
        maxFilesRead: 2_000,
        maxBytesRead: 1,
      }),
    ).toBe('Read 3 of 3 files (0.0 MB).');
  });
});
