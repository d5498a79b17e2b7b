/**
 * Records the outcome of a test run from vitest's JSON report into
 * metrics/quality/test_results.csv (timestamp, passed, failed, skipped, total, duration_s), the
 * committed figure the evidence gate reads. Usage: record-test-results.ts <vitest report>.
 */
import fs from 'node:fs';
import { writeCsv } from './bench/lib/write-csv.ts';

const reportPath = process.argv[2] ?? '.ci/vitest-report.json';
if (!fs.existsSync(reportPath)) {
  console.error(
    `record-test-results: no vitest report at ${reportPath}; run the tests with --reporter=json --outputFile.json=${reportPath} first`,
  );
  process.exit(2);
}
const report = JSON.parse(fs.readFileSync(reportPath, 'utf8')) as {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests?: number;
  numTotalTests: number;
  numFailedTestSuites: number;
  startTime: number;
  testResults: Array<{ endTime?: number }>;
};
const end = Math.max(...report.testResults.map((result) => result.endTime ?? report.startTime), report.startTime);
const failed = report.numFailedTests + (report.numFailedTests === 0 ? report.numFailedTestSuites : 0);
writeCsv(
  'metrics/quality/test_results.csv',
  ['timestamp', 'passed', 'failed', 'skipped', 'total', 'duration_s'],
  [
    {
      timestamp: new Date(report.startTime).toISOString(),
      passed: report.numPassedTests,
      failed,
      skipped: report.numPendingTests + (report.numTodoTests ?? 0),
      total: report.numTotalTests,
      duration_s: ((end - report.startTime) / 1000).toFixed(1),
    },
  ],
);
console.log(`recorded ${report.numPassedTests} passed, ${failed} failed in metrics/quality/test_results.csv`);
