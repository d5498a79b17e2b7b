import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const eslint = new ESLint({ cwd: PROJECT_ROOT });

/** The restricted-import messages lint gives `code` as if it were the file `file` of the project. */
async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(PROJECT_ROOT, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('the direction of dependencies, enforced by lint', () => {
  it.each([
    ['src/app/jobs/x.ts', "import type { Knex } from 'knex';\nexport type X = Knex;\n", 'interfaces in state/'],
    [
      'src/app/jobs/x.ts',
      "import type { JobQueue } from '../../store/job-queue.ts';\nexport type X = JobQueue<1>;\n",
      'never import store/',
    ],
    [
      'src/agents/x.ts',
      "import { createOverlayWorkspace } from '../workspace/create-overlay-workspace.ts';\nexport const x = createOverlayWorkspace;\n",
      'Workspace interface',
    ],
    [
      'src/app/jobs/x.ts',
      "import { openGithubWorkspace } from '../../workspace/open-github-workspace.ts';\nexport const x = openGithubWorkspace;\n",
      'Workspace interface',
    ],
    ['src/agents/x.ts', "import type { Redis } from 'ioredis';\nexport type X = Redis;\n", 'interfaces in state/'],
    [
      'src/app/x.ts',
      "import { composeAgentDeps } from '../compose/compose-agent-deps.ts';\nexport const x = composeAgentDeps;\n",
      'Only main.ts and cli/',
    ],
    [
      'src/llm/x.ts',
      "import { composeAgentDeps } from '../compose/compose-agent-deps.ts';\nexport const x = composeAgentDeps;\n",
      'Only main.ts and cli/',
    ],
    ['src/policy/finops/x.ts', "import type { Router } from '../../llm/router.ts';\nexport type X = Router;\n", 'policy/ is pure'],
    ['src/policy/residency/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'no Node I/O'],
    ['src/lib/x.ts', "import { loadEnv } from '../config/index.ts';\nexport const x = loadEnv;\n", 'no project knowledge'],
    [
      'src/llm/x.ts',
      "import { lookupPrice } from '../policy/finops/finops-price-table.ts';\nexport const x = lookupPrice;\n",
      'through its index.ts',
    ],
    [
      'src/observability/x.ts',
      "import type { Ledger } from '../state/ledger/ledger.ts';\nexport type X = Ledger;\n",
      'import none of them',
    ],
  ])('%s may not import what %#th case imports', async (file, code, message) => {
    const messages = await restricted(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(message);
  });

  it.each([
    ['src/cli/x.ts', "import { composeAgentDeps } from '../compose/compose-agent-deps.ts';\nexport const x = composeAgentDeps;\n"],
    [
      'src/policy/finops/x.ts',
      "import { AosError } from '../../observability/aos-error.ts';\nimport type { ProviderName } from '../../config/provider-name.ts';\nexport type X = AosError | ProviderName;\n",
    ],
    ['src/app/jobs/x.ts', "import type { JobQueue } from '../../state/job-queue.ts';\nexport type X = JobQueue<1>;\n"],
    ['src/state/x.ts', "import type { Knex } from 'knex';\nexport type X = Knex;\n"],
    ['src/llm/x.ts', "import { lookupPrice } from '../policy/finops/index.ts';\nexport const x = lookupPrice;\n"],
  ])('%s may import what it imports', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});
