import fs from 'node:fs';
import path from 'node:path';
import { checkResult, type CheckResult } from './check-result.ts';
import type { Contract } from './contract-schema.ts';
import { findImportChain } from './find-importer.ts';
import { globBase, globToRegExp } from './glob-to-regexp.ts';
import { listFiles } from './list-files.ts';

const relative = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/');

/**
 * For each core module of the contract: at least one test file matching its glob imports it,
 * directly or through a helper under test/ (helpers are followed, other sources are not).
 */
export function checkIntegrationTests(contract: Contract, root: string): CheckResult[] {
  const helpersRoot = path.resolve(root, 'test');
  return Object.entries(contract.integration_tests).map(([module, glob]) => {
    const id = `integration_test:${module}`;
    const title = `${module} is imported by a test matching ${glob}`;
    const modulePath = path.resolve(root, module);
    if (!fs.existsSync(modulePath)) return checkResult(id, title, 'nothing checked', [`${module}: missing`]);
    const pattern = globToRegExp(glob);
    const tests = listFiles(path.resolve(root, globBase(glob))).filter((file) => pattern.test(relative(root, file)));
    if (tests.length === 0) return checkResult(id, title, 'no test file matches', [`no file matches ${glob}`]);
    // Direct importers first, so the report names the most telling test.
    for (const depth of [0, 6]) {
      for (const test of tests) {
        const chain = findImportChain(test, modulePath, helpersRoot, depth);
        if (chain) return checkResult(id, title, `imported by ${chain.map((file) => relative(root, file)).join(' → ')}`, []);
      }
    }
    return checkResult(id, title, `${tests.length} test file(s) match`, [
      `${module}: none of the ${tests.length} test file(s) matching ${glob} imports it`,
    ]);
  });
}
