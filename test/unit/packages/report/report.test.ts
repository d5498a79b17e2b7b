import { describe, expect, it } from 'vitest';
import { cvss3BaseScore } from '#src/packages/osv/cvss3-base-score.ts';
import { renderJsonReport } from '#src/packages/report/render-json-report.ts';
import { renderMarkdownReport } from '#src/packages/report/render-markdown-report.ts';
import type { ReportContext } from '#src/packages/report/report-context.ts';
import { dep } from '../fixtures.ts';

const context: ReportContext = {
  report: {
    results: [
      {
        dependency: dep({ name: 'ghost-pkg', line: 12 }),
        verdict: 'fail',
        blocking: true,
        reasons: ['package does not exist in http://r'],
        findings: [],
        advisories: [],
      },
      {
        dependency: dep({ name: 'minimist', version: '1.2.5', line: 30 }),
        verdict: 'fail',
        blocking: true,
        reasons: ['critical vulnerability GHSA-xvch'],
        findings: [],
        advisories: [
          { id: 'GHSA-xvch', aliases: [], summary: 'Prototype Pollution | in minimist', severity: 'critical', score: 9.8, malware: false },
        ],
      },
      {
        dependency: dep({ name: 'react', version: '^18.2.0', file: 'package.json', line: 5 }),
        verdict: 'ok',
        blocking: false,
        reasons: [],
        findings: [],
        advisories: [],
        checkedVersion: '18.3.1',
      },
      {
        dependency: dep({ name: 'numpy', version: '2.0.0', ecosystem: 'pypi', file: 'requirements.txt', line: 2 }),
        verdict: 'warn',
        blocking: false,
        reasons: ['deprecated: x'],
        findings: [],
        advisories: [],
      },
    ],
    summary: { total: 4, ok: 1, warn: 1, fail: 2, unverifiable: 0, blocking: 2, problems: 1, unchecked: 0, passed: false },
    problems: [{ file: 'requirements.txt', line: 4, message: 'unknown option "--foo"' }],
    timing: { startedAt: '2026-11-22T12:00:00.000Z', durationMs: 1234 },
  },
  sources: { npm: 'http://r (from test)', pypi: 'http://p', osv: 'http://o' },
  files: ['package-lock.json', 'package.json', 'requirements.txt'],
  scope: 'full scan',
};

describe('reports', () => {
  it('renders the Markdown sections, each finding at its file:line, and the execution time', () => {
    const md = renderMarkdownReport(context);
    for (const heading of ['## Verification Summary', '## Node dependencies', '## Python dependencies', '## Vulnerability Scan Results'])
      expect(md).toContain(`\n${heading}\n`);
    expect(md).toContain('**Result: FAIL** — 2 of 4 dependencies block; 1 file problem: aos could not read all of the dependency files.');
    expect(md).toContain('| ❌ fail (blocking) | `ghost-pkg` | 1.0.0 | `package-lock.json:12` | package does not exist in http://r |');
    expect(md).toContain('- `react@^18.2.0 → 18.3.1` `package.json:5`');
    expect(md).toContain('| ⚠️ warn | `numpy` | 2.0.0 | `requirements.txt:2` | deprecated: x |');
    expect(md).toContain(
      '| GHSA-xvch | critical (9.8) | `minimist@1.2.5` | `package-lock.json:30` | Prototype Pollution \\| in minimist |',
    );
    expect(md).toContain('- `requirements.txt:4` unknown option "--foo"');
    expect(md).toContain('Execution time: 1.23 s');
  });

  it('renders JSON with one entry per dependency', () => {
    const json = JSON.parse(renderJsonReport(context)) as {
      summary: { passed: boolean };
      problems: unknown[];
      results: Array<{ where: string; verdict: string }>;
    };
    expect(json.summary.passed).toBe(false);
    expect(json.problems).toEqual([{ file: 'requirements.txt', line: 4, message: 'unknown option "--foo"' }]);
    expect(json.results.map((r) => `${r.verdict} ${r.where}`)).toEqual([
      'fail package-lock.json:12',
      'fail package-lock.json:30',
      'ok package.json:5',
      'warn requirements.txt:2',
    ]);
  });

  it('computes CVSS 3.1 base scores', () => {
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBe(9.8);
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N')).toBe(6.1);
    expect(cvss3BaseScore('CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:N')).toBe(0);
    expect(cvss3BaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toBeNull();
  });
});
