import type { Advisory } from '../osv/advisory.ts';
import type { Dependency, ParseProblem } from '../types.ts';
import type { Finding, Verdict } from './decide-verdict.ts';

/** The outcome for one declared dependency. */
export interface DependencyResult {
  dependency: Dependency;
  verdict: Verdict;
  /** True when this dependency fails the check. */
  blocking: boolean;
  reasons: string[];
  findings: Finding[];
  /** Every OSV record affecting the checked version (also those the policy ignores). */
  advisories: Advisory[];
  /** The exact version checked: the declared one, or what a range or tag resolved to. */
  checkedVersion?: string;
}

/** Counts per verdict. */
export interface VerificationSummary {
  total: number;
  ok: number;
  warn: number;
  fail: number;
  unverifiable: number;
  /** Dependencies that fail the check (fails, plus unverifiable ones where the policy says so). */
  blocking: number;
  /** Problems met reading the dependency files: each one fails the check, since what aos could not read it could not verify. */
  problems: number;
  /** Dependencies left unchecked because the run had more than the policy's `max_dependencies`. */
  unchecked: number;
  /** True when nothing blocks, every file was read and every dependency checked. */
  passed: boolean;
}

/** What `verifyDependencies` returns. */
export interface VerificationReport {
  results: DependencyResult[];
  summary: VerificationSummary;
  /** The problems met reading the dependency files, each at its file and line. */
  problems: ParseProblem[];
  /** Set when the run had more distinct dependencies than `max_dependencies`: then none was checked. */
  overLimit?: { distinct: number; limit: number };
  timing: { startedAt: string; durationMs: number };
}
