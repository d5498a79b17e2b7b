import { describe, expect, it } from 'vitest';
import { fileKind } from '#src/agents/context/file-kind.ts';

describe('fileKind', () => {
  it('tells sources, tests, docs and data apart by path', () => {
    const kinds = Object.fromEntries(
      [
        'src/core/Ky.ts',
        'lib/router/route.js',
        'src/werkzeug/test.py',
        'test/hooks.ts',
        'src/http/client.test.ts',
        'tests/test_utils.py',
        'httpx/_utils_test.py',
        'packages/vite/src/node/__tests__/config.spec.ts',
        'README.md',
        'docs/api/index.ts',
        'History.md',
        'LICENSE',
        'package.json',
        '.github/config.yml',
      ].map((path) => [path, fileKind(path)]),
    );
    expect(kinds).toEqual({
      'src/core/Ky.ts': 'source',
      'lib/router/route.js': 'source',
      'src/werkzeug/test.py': 'source',
      'test/hooks.ts': 'test',
      'src/http/client.test.ts': 'test',
      'tests/test_utils.py': 'test',
      'httpx/_utils_test.py': 'test',
      'packages/vite/src/node/__tests__/config.spec.ts': 'test',
      'README.md': 'docs',
      'docs/api/index.ts': 'docs',
      'History.md': 'docs',
      LICENSE: 'docs',
      'package.json': 'data',
      '.github/config.yml': 'data',
    });
  });
});
