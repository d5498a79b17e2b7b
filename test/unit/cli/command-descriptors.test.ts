import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '#src/cli/run-cli.ts';

const CLI = path.resolve(import.meta.dirname, '../../../src/cli');

/** The modules a file imports for their values at load time (`import type` and `import()` excluded). */
function staticValueImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)';/gms), ...text.matchAll(/^import\s+'([^']+)';/gm)].map(
    (match) => match[1]!,
  );
}

const descriptors = fs.readdirSync(path.join(CLI, 'commands')).filter((name) => name.endsWith('-command.ts'));

describe('aos command descriptors', () => {
  it('load nothing for --help: a descriptor imports no module for its values, the command list only descriptors and error types', () => {
    expect(descriptors.length).toBeGreaterThanOrEqual(10);
    for (const name of descriptors) expect(staticValueImports(path.join(CLI, 'commands', name)), name).toEqual([]);
    const allowed = new Set([
      'node:util',
      '../config/config-error.ts',
      './usage-error.ts',
      ...descriptors.map((name) => `./commands/${name}`),
    ]);
    expect(staticValueImports(path.join(CLI, 'run-cli.ts')).filter((specifier) => !allowed.has(specifier))).toEqual([]);
  });

  it('import their implementation when they run', async () => {
    const stderr: string[] = [];
    // `aos ledger` without an action is bad usage, decided by the implementation module the descriptor loads.
    const code = await runCli(['ledger'], { out: () => undefined, err: (text) => stderr.push(text) });
    expect(code).toBe(2);
    expect(stderr.join('\n')).toContain('missing action: aos ledger verify [run-id]');
  });
});
