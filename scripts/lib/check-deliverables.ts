import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { checkResult, type CheckResult } from './check-result.ts';
import type { Contract } from './contract-schema.ts';
import { parseCsv } from './parse-csv.ts';

type Format = 'json' | 'yaml' | 'csv';

function formatProblem(text: string, format: Format): string | null {
  try {
    if (format === 'json') JSON.parse(text);
    else if (format === 'yaml') parse(text);
    else if (parseCsv(text).rows.length === 0) return 'has a header but no data rows';
    return null;
  } catch (error) {
    return `is not valid ${format.toUpperCase()}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}

/** Why a deliverable is missing or trivial, or null when it is fine. */
export function deliverableProblem(
  file: string,
  limits: { min_bytes?: number | undefined; min_lines?: number | undefined; format?: Format | undefined },
): string | null {
  if (!fs.existsSync(file)) return 'missing';
  if (!fs.statSync(file).isFile()) return 'not a file';
  const text = fs.readFileSync(file, 'utf8');
  const bytes = Buffer.byteLength(text);
  if (text.trim() === '') return 'empty';
  if (limits.min_bytes !== undefined && bytes < limits.min_bytes) return `${bytes} bytes, fewer than ${limits.min_bytes}`;
  const lines = text.split('\n').filter((line) => line.trim() !== '').length;
  if (limits.min_lines !== undefined && lines < limits.min_lines) return `${lines} non-blank lines, fewer than ${limits.min_lines}`;
  return limits.format ? formatProblem(text, limits.format) : null;
}

/** One check per deliverable group: every path exists, is non-empty, big enough, and parses. */
export function checkDeliverables(contract: Contract, root: string): CheckResult[] {
  return contract.deliverables.map((group) => {
    const kind = contract.deliverable_kinds[group.kind]!;
    const limits = { min_bytes: group.min_bytes ?? kind.min_bytes, min_lines: group.min_lines ?? kind.min_lines, format: kind.format };
    const failures = group.paths.flatMap((relative) => {
      const problem = deliverableProblem(path.resolve(root, relative), limits);
      return problem === null ? [] : [`${relative}: ${problem}`];
    });
    const id = `deliverables:${group.kind}${group.subsystem ? `:${group.subsystem}` : ''}`;
    const sizes = [
      limits.min_bytes ? `≥ ${limits.min_bytes} bytes` : '',
      limits.min_lines ? `≥ ${limits.min_lines} lines` : '',
      limits.format ? `valid ${limits.format}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    return checkResult(
      id,
      `${group.kind} deliverables${group.subsystem ? ` of ${group.subsystem}` : ''}`,
      `${group.paths.length} file(s), each non-empty${sizes ? `, ${sizes}` : ''}`,
      failures,
    );
  });
}
