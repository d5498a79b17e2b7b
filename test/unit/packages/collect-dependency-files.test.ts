import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectDependencyFiles } from '#src/packages/collect-dependency-files.ts';
import { confineToRepository } from '#src/packages/confine-to-repository.ts';

/** A reader over an in-memory tree that records every path it is asked for. */
function memoryReader(files: Record<string, string>) {
  const asked: string[] = [];
  return { asked, read: async (p: string) => (asked.push(p), files[p] ?? null) };
}

describe('collectDependencyFiles', () => {
  it('follows -r includes once, reads included files of any name, and reports the ones it cannot read', async () => {
    const files: Record<string, string> = {
      'requirements.txt': 'flask==3.0.0\n-r requirements/base.txt\n-r https://example.invalid/x.txt\n',
      'requirements/base.txt': 'requests>=2\n-r common.txt\n',
      'requirements/common.txt': 'numpy==2.0.0\n-r missing.txt\n',
    };
    const read = async (p: string) => files[p] ?? null;
    const { files: collected, problems } = await collectDependencyFiles(['requirements.txt'], read);
    expect(collected.map((f) => f.path)).toEqual(['requirements.txt', 'requirements/base.txt', 'requirements/common.txt']);
    expect(collected.flatMap((f) => f.result.dependencies.map((d) => `${d.name}@${d.version} ${d.file}:${d.line}`))).toEqual([
      'flask@3.0.0 requirements.txt:1',
      'requests@>=2 requirements/base.txt:1',
      'numpy@2.0.0 requirements/common.txt:1',
    ]);
    expect(problems).toEqual([
      {
        file: 'requirements.txt',
        line: 3,
        message: 'include https://example.invalid/x.txt not followed: only files in the repository are read',
      },
      { file: 'requirements/common.txt', line: 2, message: 'included file requirements/missing.txt not found' },
    ]);
  });

  it('leaves out a file that does not exist (absent at the base ref)', async () => {
    expect(await collectDependencyFiles(['package.json'], async () => null)).toEqual({ files: [], problems: [] });
  });

  it('never reads an include that leaves the repository, and says so at its line', async () => {
    const { asked, read } = memoryReader({
      'app/requirements.txt': '-r ../../../../etc/passwd\n-r /etc/passwd\n-c ../../x.txt\nflask==3.0.0\n',
    });
    const { files, problems } = await collectDependencyFiles(['app/requirements.txt'], read);
    expect(asked).toEqual(['app/requirements.txt']);
    expect(files.flatMap((f) => f.result.dependencies.map((d) => d.name))).toEqual(['flask']);
    expect(problems).toEqual([
      { file: 'app/requirements.txt', line: 1, message: 'include outside the repository: ../../../../etc/passwd (not read)' },
      { file: 'app/requirements.txt', line: 2, message: 'include outside the repository: /etc/passwd (not read)' },
      { file: 'app/requirements.txt', line: 3, message: 'include outside the repository: ../../x.txt (not read)' },
    ]);
  });

  it('follows -c constraint files too, and names a missing include at its own line', async () => {
    const { read } = memoryReader({
      'requirements.txt': '-r a/base.txt\n-r b/base.txt\n-c constraints.txt\n-cmissing-constraints.txt\n',
      'a/base.txt': 'flask\n',
      'constraints.txt': 'flask==3.0.0\n',
    });
    const { files, problems } = await collectDependencyFiles(['requirements.txt'], read);
    expect(files.map((f) => f.path)).toEqual(['requirements.txt', 'a/base.txt', 'constraints.txt']);
    expect(problems).toEqual([
      { file: 'requirements.txt', line: 2, message: 'included file b/base.txt not found' },
      { file: 'requirements.txt', line: 4, message: 'included file missing-constraints.txt not found' },
    ]);
  });

  it('reports an include cycle at the line that closes it, and reads each file once', async () => {
    const { asked, read } = memoryReader({
      'requirements.txt': 'flask==3.0.0\n-r requirements/a.txt\n-r requirements/common.txt\n-r requirements.txt\n',
      'requirements/a.txt': '-r common.txt\n-r b.txt\n',
      'requirements/b.txt': 'numpy==2.0.0\n-r a.txt\n',
      'requirements/common.txt': 'attrs==23.2.0\n',
    });
    const { files, problems } = await collectDependencyFiles(['requirements.txt'], read);
    expect(asked).toEqual(['requirements.txt', 'requirements/a.txt', 'requirements/common.txt', 'requirements/b.txt']);
    expect(files.map((f) => f.path)).toEqual(asked);
    expect(problems).toEqual([
      { file: 'requirements.txt', line: 4, message: 'include cycle: requirements.txt → requirements.txt (not followed)' },
      {
        file: 'requirements/b.txt',
        line: 2,
        message: 'include cycle: requirements/a.txt → requirements/b.txt → requirements/a.txt (not followed)',
      },
    ]);
  });

  it('stops following includes past a depth limit, with a problem at the line that goes too deep', async () => {
    const chain: Record<string, string> = {};
    for (let i = 0; i < 40; i += 1) chain[`r${i}.txt`] = `p${i}==1.0\n-r r${i + 1}.txt\n`;
    const { asked, read } = memoryReader(chain);
    const { files, problems } = await collectDependencyFiles(['r0.txt'], read);
    expect(files).toHaveLength(17);
    expect(asked.at(-1)).toBe('r16.txt');
    expect(problems).toEqual([{ file: 'r16.txt', line: 2, message: 'include r17.txt nested more than 16 files deep: not followed' }]);
  });

  describe('on disk, through confineToRepository', () => {
    let scratch = '';
    afterEach(() => rmSync(scratch, { recursive: true, force: true }));

    it('refuses a symbolic link that leads outside the repository, as an include or as a listed file, and follows one that stays inside', async () => {
      scratch = realpathSync(mkdtempSync(path.join(tmpdir(), 'aos-confine-')));
      const root = path.join(scratch, 'repo');
      mkdirSync(path.join(root, 'reqs'), { recursive: true });
      writeFileSync(path.join(scratch, 'secret.txt'), 'secret-package==1.0\n');
      writeFileSync(path.join(root, 'requirements.txt'), 'flask==3.0.0\n-r reqs/linked.txt\n-r reqs/inside.txt\n');
      writeFileSync(path.join(root, 'reqs/real.txt'), 'attrs==23.2.0\n');
      symlinkSync(path.join(scratch, 'secret.txt'), path.join(root, 'reqs/linked.txt'));
      symlinkSync('real.txt', path.join(root, 'reqs/inside.txt'));
      symlinkSync('../secret.txt', path.join(root, 'requirements-dev.txt'));
      const asked: string[] = [];
      const read = confineToRepository(root, async (p) => (asked.push(p), readFileSync(path.join(root, p), 'utf8')));
      const { files, problems } = await collectDependencyFiles(['requirements.txt', 'requirements-dev.txt'], read);
      expect(asked).toEqual(['requirements.txt', 'reqs/inside.txt']);
      expect(files.flatMap((f) => f.result.dependencies.map((d) => `${d.name} ${d.file}`))).toEqual([
        'flask requirements.txt',
        'attrs reqs/inside.txt',
      ]);
      expect(problems).toEqual([
        {
          file: 'requirements-dev.txt',
          line: 1,
          message: 'requirements-dev.txt: outside the repository through a symbolic link (not read)',
        },
        {
          file: 'requirements.txt',
          line: 2,
          message: 'include reqs/linked.txt: outside the repository through a symbolic link (not read)',
        },
      ]);
    });
  });
});
