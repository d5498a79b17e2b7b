import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileDiff } from '#src/workspace/create-file-diff.ts';
import { hunkHeader, renderUnifiedDiff } from '#src/workspace/unified-diff.ts';
import { createGitTestRepo, type GitTestRepo } from '../../helpers/git-test-repo.ts';

const numbered = (from: number, to: number, suffix = ''): string =>
  Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}${suffix}`).join('\n') + '\n';

// [name, old, new]: null means the file does not exist on that side.
const CASES: Array<[string, string | null, string | null]> = [
  ['one changed line', numbered(1, 20), numbered(1, 20).replace('line 10\n', 'line ten\n')],
  ['two far-apart changes', numbered(1, 40), numbered(1, 40).replace('line 5\n', 'five\n').replace('line 30\n', 'line 30\nthirty-one\n')],
  ['two close changes share a hunk', numbered(1, 30), numbered(1, 30).replace('line 10\n', 'x\n').replace('line 16\n', 'y\n')],
  ['insert at the top', numbered(1, 8), `new first\n${numbered(1, 8)}`],
  ['delete at the end', numbered(1, 8), numbered(1, 6)],
  ['new file', null, 'a\nb\nc\n'],
  ['deleted file', 'a\nb\n', null],
  ['missing final newline added', 'a\nb\nc', 'a\nb\nc\n'],
  ['missing final newline kept', 'a\nb\nc', 'a\nB\nc'],
  ['new file without final newline', null, 'only line'],
  ['empty new file', null, ''],
  ['CRLF file', 'a\r\nb\r\nc\r\n', 'a\r\nB\r\nc\r\n'],
  ['everything replaced', 'a\nb\n', 'c\nd\ne\n'],
];

describe('createFileDiff and renderUnifiedDiff', () => {
  let repo: GitTestRepo;
  beforeAll(() => {
    repo = createGitTestRepo();
  });
  afterAll(() => repo.remove());

  it.each(CASES)('%s: git apply accepts the diff and reproduces the new file', (_name, oldContent, newContent) => {
    rmSync(join(repo.dir, 'f.txt'), { force: true });
    if (oldContent !== null) writeFileSync(join(repo.dir, 'f.txt'), oldContent);
    const patch = renderUnifiedDiff([createFileDiff({ path: 'f.txt', oldContent, newContent })]);
    repo.git(['apply', '--check', '--unsafe-paths', '-'], patch);
    repo.git(['apply', '-'], patch);
    if (newContent === null) expect(() => readFileSync(join(repo.dir, 'f.txt'))).toThrow();
    else expect(readFileSync(join(repo.dir, 'f.txt'), 'utf8')).toBe(newContent);
  });

  it.each(CASES.filter(([, oldContent, newContent]) => oldContent !== null && newContent !== null && newContent !== ''))(
    '%s: hunk headers equal git diff',
    (_name, oldContent, newContent) => {
      writeFileSync(join(repo.dir, 'old.txt'), oldContent ?? '');
      writeFileSync(join(repo.dir, 'new.txt'), newContent ?? '');
      let gitOutput = '';
      try {
        repo.git(['diff', '--no-index', '--no-color', 'old.txt', 'new.txt']);
      } catch (error) {
        gitOutput = String((error as { stdout: Buffer }).stdout);
      }
      const gitHeaders = gitOutput
        .split('\n')
        .filter((line) => line.startsWith('@@'))
        .map((line) => line.replace(/ @@.*$/, ' @@'));
      expect(gitHeaders.length).toBeGreaterThan(0);
      const ours = createFileDiff({ path: 'f.txt', oldContent, newContent }).hunks.map(hunkHeader);
      expect(ours).toEqual(gitHeaders);
    },
  );

  it('round-trips random edits through git apply', () => {
    let seed = 7;
    const random = (below: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % below;
    };
    for (let round = 0; round < 25; round += 1) {
      const oldLines = Array.from({ length: 5 + random(40) }, () => `w${random(6)}`);
      const newLines = [...oldLines];
      for (let edits = random(8); edits >= 0; edits -= 1) {
        const at = random(newLines.length + 1);
        if (random(2) === 0) newLines.splice(at, 1 + random(3));
        else newLines.splice(at, 0, ...Array.from({ length: 1 + random(3) }, () => `w${random(6)}`));
      }
      const oldContent = `${oldLines.join('\n')}${random(4) === 0 ? '' : '\n'}`;
      const newContent = `${newLines.join('\n')}${random(4) === 0 || newLines.length === 0 ? '' : '\n'}`;
      writeFileSync(join(repo.dir, 'r.txt'), oldContent);
      const diff = createFileDiff({ path: 'r.txt', oldContent, newContent });
      repo.git(['apply', '-'], renderUnifiedDiff([diff]));
      expect(readFileSync(join(repo.dir, 'r.txt'), 'utf8')).toBe(newContent);
    }
  });

  it.each(['with space.txt', 'quote"name.txt', 'caf\u00e9.txt'])('writes a path git apply reads back: %j', (path) => {
    const patch = renderUnifiedDiff([createFileDiff({ path, oldContent: null, newContent: 'x\n' })]);
    repo.git(['apply', '-'], patch);
    expect(readFileSync(join(repo.dir, path), 'utf8')).toBe('x\n');
  });

  it('reports counts, added line numbers and the no-newline marker', () => {
    const diff = createFileDiff({
      path: 'f.txt',
      oldContent: numbered(1, 40),
      newContent: numbered(1, 40).replace('line 5\n', 'five\n').replace('line 30\n', 'line 30\nthirty-one\n'),
    });
    expect(diff).toMatchObject({ status: 'modified', additions: 2, deletions: 1 });
    expect(diff.hunks.map((hunk) => hunk.addedLines)).toEqual([[5], [31]]);
    expect(diff.hunks[0]).toMatchObject({ oldStart: 2, oldLines: 7, newStart: 2, newLines: 7 });
    expect(diff.hunks[0]?.lines).toEqual([' line 2', ' line 3', ' line 4', '-line 5', '+five', ' line 6', ' line 7', ' line 8']);
    const noNewline = createFileDiff({ path: 'f.txt', oldContent: 'a\nb', newContent: 'a\nc' });
    expect(noNewline.hunks[0]?.lines).toEqual([' a', '-b', '\\ No newline at end of file', '+c', '\\ No newline at end of file']);
  });

  it('writes new and deleted file headers, with the mode of a deleted executable', () => {
    const text = renderUnifiedDiff([
      createFileDiff({ path: 'new.sh', oldContent: null, newContent: 'echo hi\n' }),
      createFileDiff({ path: 'old.sh', oldContent: 'echo bye\n', newContent: null, mode: '100755' }),
      createFileDiff({ path: 'same.txt', oldContent: 'x\n', newContent: 'x\n' }),
    ]);
    expect(text).toBe(
      [
        'diff --git a/new.sh b/new.sh',
        'new file mode 100644',
        '--- /dev/null',
        '+++ b/new.sh',
        '@@ -0,0 +1 @@',
        '+echo hi',
        'diff --git a/old.sh b/old.sh',
        'deleted file mode 100755',
        '--- a/old.sh',
        '+++ /dev/null',
        '@@ -1 +0,0 @@',
        '-echo bye',
        '',
      ].join('\n'),
    );
  });

  it('finds a minimal diff in a large file with scattered changes', () => {
    const oldLines = Array.from({ length: 3000 }, (_, i) => `value ${i}`);
    const newLines = oldLines.map((line, i) => (i % 100 === 0 ? `${line} changed` : line));
    const diff = createFileDiff({ path: 'big.txt', oldContent: `${oldLines.join('\n')}\n`, newContent: `${newLines.join('\n')}\n` });
    expect(diff.additions).toBe(30);
    expect(diff.deletions).toBe(30);
    expect(diff.hunks).toHaveLength(30);
  });
});
