import fs from 'node:fs';
import path from 'node:path';
import { checkResult, type CheckResult } from './check-result.ts';
import type { Contract } from './contract-schema.ts';
import { findEmptyBodies } from './find-empty-bodies.ts';
import { markerScope } from './scan-forbidden-markers.ts';

/** No exported function or method whose empty body stands in for logic (rule: find-empty-bodies.ts). */
export function checkEmptyBodies(contract: Contract, root: string): CheckResult {
  const files = markerScope(contract, root).filter((file) => /\.[cm]?tsx?$/.test(file) && !file.endsWith('.d.ts'));
  const failures = files.flatMap((file) => {
    const relative = path.relative(root, file).split(path.sep).join('/');
    return findEmptyBodies(fs.readFileSync(file, 'utf8'), file).map(
      (found) => `${relative}:${found.line}: exported ${found.name} ${found.reason}`,
    );
  });
  return checkResult(
    'empty_bodies',
    'no empty bodies standing in for logic',
    `${files.length} TypeScript file(s): exported functions and methods with an empty body and a non-void return type or a name that promises work`,
    failures,
  );
}
