import fs from 'node:fs';
import path from 'node:path';
import { checkResult, type CheckResult } from './check-result.ts';
import type { Contract } from './contract-schema.ts';
import { listFiles } from './list-files.ts';

/** Each `file:line: "marker"` of the contract's marker patterns in the text. */
export function findMarkers(text: string, patterns: readonly RegExp[]): Array<{ line: number; marker: string }> {
  const found: Array<{ line: number; marker: string }> = [];
  for (const [index, line] of text.split('\n').entries()) {
    for (const pattern of patterns) {
      const match = pattern.exec(line);
      if (match) found.push({ line: index + 1, marker: match[0] });
    }
  }
  return found;
}

/** The source files the marker rules apply to: under the contract's roots, with its extensions. */
export function markerScope(contract: Contract, root: string): string[] {
  const { roots, extensions } = contract.forbidden_markers;
  return roots
    .flatMap((folder) => listFiles(path.resolve(root, folder)))
    .filter((file) => extensions.some((extension) => file.endsWith(extension)));
}

/** No unfinished-work marker anywhere under the contract's roots. */
export function checkForbiddenMarkers(contract: Contract, root: string): CheckResult {
  const patterns = contract.forbidden_markers.patterns.map((pattern) => new RegExp(pattern.regex, pattern.flags));
  const files = markerScope(contract, root);
  const failures = files.flatMap((file) =>
    findMarkers(fs.readFileSync(file, 'utf8'), patterns).map(
      ({ line, marker }) => `${path.relative(root, file).split(path.sep).join('/')}:${line}: "${marker}"`,
    ),
  );
  return checkResult(
    'forbidden_markers',
    'no unfinished-work markers in the sources',
    `${files.length} file(s) under ${contract.forbidden_markers.roots.join(', ')} searched for ${patterns.length} pattern(s)`,
    failures,
  );
}
