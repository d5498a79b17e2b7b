import fs from 'node:fs';
import path from 'node:path';
import { checkResult, type CheckResult } from './check-result.ts';
import type { Contract } from './contract-schema.ts';

/**
 * Every evidence path a gate file names: string values of `evidence` keys, and the `path` of each
 * object in an `evidence` array, anywhere in the document.
 */
export function evidencePaths(document: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
        if (key === 'evidence' && typeof inner === 'string') found.add(inner);
        if (key === 'evidence' && Array.isArray(inner)) {
          for (const entry of inner)
            if (entry !== null && typeof entry === 'object' && typeof (entry as { path?: unknown }).path === 'string')
              found.add((entry as { path: string }).path);
        }
        visit(inner);
      }
    }
  };
  visit(document);
  return [...found].sort();
}

/** Every evidence path named in the gate file exists (relative paths are relative to the root). */
export function checkEvidencePaths(contract: Contract, root: string): CheckResult {
  const gate = contract.cross_checks.evidence_paths.gate;
  const title = `every evidence file named in ${gate} exists`;
  const file = path.resolve(root, gate);
  if (!fs.existsSync(file)) return checkResult('evidence_paths', title, 'nothing checked', [`${gate}: not found (run npm run evidence)`]);
  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return checkResult('evidence_paths', title, 'nothing checked', [
      `${gate}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
  const paths = evidencePaths(document);
  const failures = paths
    .filter((named) => !fs.existsSync(path.resolve(root, named)))
    .map((named) => `${named}: named in ${gate} but missing`);
  if (paths.length === 0) failures.push(`${gate}: names no evidence file`);
  return checkResult('evidence_paths', title, `${paths.length} evidence file(s) named`, failures);
}
