import { describe, expect, it } from 'vitest';
import type { ObservedCheck } from '#src/app/github/read-ci-checks.ts';
import { decideCiState } from '#src/app/jobs/decide-ci-state.ts';

const check = (name: string, state: 'running' | 'passed' | 'failed'): ObservedCheck => ({
  kind: 'check-run',
  id: 1,
  name,
  done: state !== 'running',
  failed: state === 'failed',
  appSlug: 'github-actions',
  output: { title: null, summary: null, text: null },
});
const clock = (elapsedMs: number) => ({ elapsedMs, graceMs: 1_000, timeoutMs: 10_000 });

describe('decideCiState', () => {
  it('passes only when every counted check is done and none failed', () => {
    expect(decideCiState({ checks: [check('test', 'passed'), check('lint', 'running')], required: null }, clock(0))).toEqual({
      state: 'pending',
      waitingFor: ['lint'],
    });
    expect(decideCiState({ checks: [check('test', 'passed'), check('lint', 'passed')], required: null }, clock(0))).toEqual({
      state: 'passed',
      checks: ['test', 'lint'],
    });
  });

  it('fails once everything is done, with every failure at once, or at the timeout with the failures so far', () => {
    const failing = [check('test', 'failed'), check('lint', 'running')];
    expect(decideCiState({ checks: failing, required: null }, clock(5_000))).toMatchObject({ state: 'pending' });
    expect(decideCiState({ checks: failing, required: null }, clock(10_000))).toMatchObject({
      state: 'failed',
      failed: [{ name: 'test' }],
    });
    expect(decideCiState({ checks: [check('lint', 'running')], required: null }, clock(10_000))).toEqual({
      state: 'timed-out',
      waitingFor: ['lint'],
    });
  });

  it('counts only the required checks where branch protection names them, and waits for a required one that never reported', () => {
    const checks = [check('test', 'passed'), check('flaky-extra', 'failed')];
    expect(decideCiState({ checks, required: ['test'] }, clock(0))).toEqual({ state: 'passed', checks: ['test'] });
    expect(decideCiState({ checks, required: ['test', 'build'] }, clock(0))).toEqual({ state: 'pending', waitingFor: ['build'] });
    expect(decideCiState({ checks: [], required: ['build'] }, clock(5_000))).toEqual({ state: 'pending', waitingFor: ['build'] });
    expect(decideCiState({ checks: [], required: ['build'] }, clock(10_000))).toEqual({ state: 'timed-out', waitingFor: ['build'] });
  });

  it('calls a commit with no check or status at all "no CI" after the grace period, never before', () => {
    expect(decideCiState({ checks: [], required: null }, clock(999))).toEqual({ state: 'pending', waitingFor: [] });
    expect(decideCiState({ checks: [], required: null }, clock(1_000))).toEqual({ state: 'no-ci' });
  });
});
