import { describe, expect, it } from 'vitest';
import { renderPackageRealityCheck } from '#src/app/github/render-package-reality-check.ts';
import type { DependencyResult, VerificationReport } from '#src/packages/verify/verification-report.ts';

function result(
  name: string,
  verdict: DependencyResult['verdict'],
  line: number,
  blocking: boolean,
  reasons: string[],
  file = 'package.json',
): DependencyResult {
  return {
    dependency: { name, version: '^1.0.0', ecosystem: 'npm', source: 'registry', file, line },
    verdict,
    blocking,
    reasons,
    findings: [],
    advisories: [],
  };
}

function report(results: DependencyResult[], problems: VerificationReport['problems'] = []): VerificationReport {
  const count = (v: DependencyResult['verdict']) => results.filter((r) => r.verdict === v).length;
  const blocking = results.filter((r) => r.blocking).length;
  return {
    results,
    summary: {
      total: results.length,
      ok: count('ok'),
      warn: count('warn'),
      fail: count('fail'),
      unverifiable: count('unverifiable'),
      blocking,
      problems: problems.length,
      unchecked: 0,
      passed: blocking === 0 && problems.length === 0,
    },
    problems,
    timing: { startedAt: '2025-01-01T00:00:00.000Z', durationMs: 1200 },
  };
}

describe('renderPackageRealityCheck', () => {
  it('is neutral when the pull request changes no manifest', () => {
    expect(renderPackageRealityCheck({ report: report([]), files: [], scope: 'changes since abc' })).toMatchObject({
      conclusion: 'neutral',
      title: 'No dependency changes',
      annotations: [],
    });
  });

  it('fails with one annotation per non-ok dependency at its exact line', () => {
    const fake = result('reqeusts-lib', 'fail', 14, true, ['package does not exist on the npm registry']);
    fake.advisories = [{ id: 'MAL-2024-1', aliases: [], summary: 'malware', severity: 'critical', malware: true }];
    const check = renderPackageRealityCheck({
      report: report([
        result('left-pad', 'ok', 12, false, []),
        result('young-pkg', 'warn', 13, false, ['published 2 days ago | new']),
        fake,
        result('git-dep', 'unverifiable', 3, true, ['git source: not registry-verifiable'], 'requirements.txt'),
        result('private-dep', 'unverifiable', 15, false, ['registry unreachable']),
      ]),
      files: ['package.json', 'requirements.txt'],
      scope: 'changes since 1a2b3c4',
    });

    expect(check.conclusion).toBe('failure');
    expect(check.title).toBe('2 of 5 dependencies block');
    expect(check.annotations).toEqual([
      {
        path: 'package.json',
        start_line: 14,
        end_line: 14,
        annotation_level: 'failure',
        title: 'reqeusts-lib@^1.0.0: fail (blocking)',
        message: 'package does not exist on the npm registry\nAdvisories: MAL-2024-1',
      },
      {
        path: 'requirements.txt',
        start_line: 3,
        end_line: 3,
        annotation_level: 'failure',
        title: 'git-dep@^1.0.0: unverifiable (blocking)',
        message: 'git source: not registry-verifiable',
      },
      {
        path: 'package.json',
        start_line: 15,
        end_line: 15,
        annotation_level: 'notice',
        title: 'private-dep@^1.0.0: unverifiable',
        message: 'registry unreachable',
      },
      {
        path: 'package.json',
        start_line: 13,
        end_line: 13,
        annotation_level: 'warning',
        title: 'young-pkg@^1.0.0: warn',
        message: 'published 2 days ago | new',
      },
    ]);
    expect(check.summary).toContain('**Result: FAIL**');
    expect(check.summary).toContain('| ✅ ok | 1 |');
    expect(check.summary).toContain('| ❌ fail | 1 |');
    expect(check.summary).toContain('| ❔ unverifiable | 2 |');
    expect(check.summary).toContain(
      '| ❌ fail (blocking) | `reqeusts-lib@^1.0.0` | `package.json:14` | package does not exist on the npm registry |',
    );
    expect(check.summary).toContain('| ⚠️ warn | `young-pkg@^1.0.0` | `package.json:13` | published 2 days ago \\| new |');
    expect(check.summary).not.toContain('left-pad');
  });

  it('succeeds with warnings annotated when nothing blocks, and says when no dependency was added', () => {
    const warned = renderPackageRealityCheck({
      report: report([result('young-pkg', 'warn', 7, false, ['new'])]),
      files: ['package.json'],
      scope: 's',
    });
    expect(warned).toMatchObject({ conclusion: 'success', title: '1 dependency verified, 1 with warnings' });
    expect(warned.annotations.map((a) => [a.annotation_level, a.start_line])).toEqual([['warning', 7]]);
    expect(renderPackageRealityCheck({ report: report([]), files: ['package.json'], scope: 's' })).toMatchObject({
      conclusion: 'success',
      title: 'No new dependencies',
      annotations: [],
    });
  });

  it('fails on a file it could not read, with a failure annotation at the problem line, even when every dependency is fine', () => {
    const unreadable = renderPackageRealityCheck({
      report: report([result('young-pkg', 'warn', 7, false, ['new'])], [{ file: 'package.json', line: 2, message: 'bad JSON' }]),
      files: ['package.json'],
      scope: 's',
    });
    expect(unreadable).toMatchObject({
      conclusion: 'failure',
      title: '1 dependency file problem: aos could not read what this pull request changes',
    });
    expect(unreadable.summary).toContain('**Result: FAIL**');
    expect(unreadable.annotations.map((a) => [a.annotation_level, a.path, a.start_line, a.message])).toEqual([
      ['failure', 'package.json', 2, 'bad JSON'],
      ['warning', 'package.json', 7, 'new'],
    ]);
  });
});
