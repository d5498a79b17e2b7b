import { describe, expect, it } from 'vitest';
import { collectDependencyFiles } from '../../../../src/packages/collect-dependency-files.ts';

describe('collectDependencyFiles', () => {
  it('follows -r includes once, reads included files of any name, and reports the ones it cannot read', async () => {
    const files: Record<string, string> = {
      'requirements.txt': 'flask==3.0.0\n-r requirements/base.txt\n-r https://example.invalid/x.txt\n',
      'requirements/base.txt': 'requests>=2\n-r common.txt\n-r ../requirements.txt\n',
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
      { file: 'requirements.txt', line: 3, message: 'include https://example.invalid/x.txt not followed: only files in the repository are read' },
      { file: 'requirements/common.txt', line: 2, message: 'included file requirements/missing.txt not found' },
    ]);
  });

  it('leaves out a file that does not exist (absent at the base ref)', async () => {
    expect(await collectDependencyFiles(['package.json'], async () => null)).toEqual({ files: [], problems: [] });
  });
});
