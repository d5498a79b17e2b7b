import fs from 'node:fs';
import type { EvidenceTime } from './evidence-timestamp.ts';

/** Passed and failed counts of a vitest JSON report (`--reporter=json`). */
export interface VitestCounts {
  passed: number;
  failed: number;
  time: EvidenceTime;
}

/**
 * Reads vitest's JSON report. Failed counts failed tests, or failed files when no test failed
 * (a file that does not load has no tests), the same rule as `.ci/run`. Null when the report is
 * missing or not a vitest report.
 */
export function readVitestReport(file: string): VitestCounts | null {
  if (!fs.existsSync(file)) return null;
  let report: Record<string, unknown>;
  try {
    report = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
  const count = (key: string) => (typeof report[key] === 'number' ? (report[key] as number) : null);
  const passed = count('numPassedTests');
  const failedTests = count('numFailedTests');
  const failedFiles = count('numFailedTestSuites') ?? 0;
  if (passed === null || failedTests === null) return null;
  const start = count('startTime');
  const time: EvidenceTime =
    start === null
      ? { timestamp: fs.statSync(file).mtime.toISOString(), source: 'file_mtime' }
      : { timestamp: new Date(start).toISOString(), source: 'report_start_time' };
  return { passed, failed: failedTests + (failedFiles > 0 && failedTests === 0 ? failedFiles : 0), time };
}
