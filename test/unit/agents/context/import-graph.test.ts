import { describe, expect, it } from 'vitest';
import { buildImportGraph } from '#src/agents/context/import-graph.ts';

const graphOf = (files: Record<string, string>) => {
  const graph = buildImportGraph(Object.entries(files).map(([path, content]) => ({ path, content })));
  return Object.fromEntries([...graph.imports].map(([path, targets]) => [path, [...targets].sort()]));
};

describe('buildImportGraph', () => {
  it('resolves JavaScript and TypeScript imports, requires and re-exports relative to the file', () => {
    const graph = graphOf({
      'src/app.ts': `import { a } from './a.js';\nimport type {\n  B,\n} from "../lib/b";\nexport * from './c/index.ts';\nimport 'zod';\nimport './side';`,
      'src/a.ts': `const d = require('./d'); const e = await import('./e.mjs');`,
      'lib/b.tsx': '',
      'src/c/index.ts': '',
      'src/side/index.js': '',
      'src/d.cjs': '',
      'src/e.mjs': '',
    });
    expect(graph).toEqual({
      'src/app.ts': ['lib/b.tsx', 'src/a.ts', 'src/c/index.ts', 'src/side/index.js'],
      'src/a.ts': ['src/d.cjs', 'src/e.mjs'],
    });
  });

  it('resolves Python absolute and relative imports, packages and submodules', () => {
    const graph = graphOf({
      'pkg/client.py': 'import os\nimport pkg.retry as r, json\nfrom .backoff import delay\nfrom . import util\nfrom ..top import thing\n',
      'pkg/retry.py': '',
      'pkg/backoff.py': '',
      'pkg/util/__init__.py': '',
      'top.py': '',
      'src/app/main.py': 'from app.models import (User, Group)\n',
      'src/app/models/__init__.py': '',
    });
    expect(graph).toEqual({
      'pkg/client.py': ['pkg/backoff.py', 'pkg/retry.py', 'pkg/util/__init__.py', 'top.py'],
      'src/app/main.py': ['src/app/models/__init__.py'],
    });
  });

  it('ignores packages and paths that leave the repository', () => {
    expect(graphOf({ 'a.ts': `import x from 'left-pad';\nimport y from '../../outside';`, 'outside.ts': '' })).toEqual({});
  });
});
