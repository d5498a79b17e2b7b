import type { PackageRealityPolicy } from '../config/package-reality-schema.ts';
import { collectDependencyFiles, type ReadText } from '../packages/collect-dependency-files.ts';
import { detectFormat } from '../packages/parsers/parse-dependency-file.ts';
import { describeOverLimit } from '../packages/report/describe-over-limit.ts';
import { diffDependencies } from '../packages/verify/diff-dependencies.ts';
import type { PackageClients } from '../packages/verify/package-clients.ts';
import type { VerificationReport } from '../packages/verify/verification-report.ts';
import { verifyDependencies } from '../packages/verify/verify-dependencies.ts';
import type { DependencyVerifier } from './agent-context.ts';

/** Options of {@link createDependencyVerifier}. */
export interface DependencyVerifierOptions {
  /**
   * Registry and OSV clients (`createPackageClients`), or how to build them: built on first need,
   * so a change without a new dependency costs no registry lookup or npm configuration read.
   */
  clients: PackageClients | (() => Promise<PackageClients>);
  policy: PackageRealityPolicy;
  /**
   * Reads a file of the base commit. When given it is used instead of the `readBase` the caller
   * passes to `verifyChanges`, so the comparison is against the commit even if the caller can
   * only offer the overlay's view.
   */
  readBase?: ReadText;
  onProgress?: (message: string) => void;
}

/** Findings listed in the evidence line; the rest are counted. */
const EVIDENCE_FINDINGS = 3;

function evidenceOf(report: VerificationReport): string {
  const { summary } = report;
  const problems = summary.problems > 0 ? `; ${summary.problems} dependency file problem${summary.problems === 1 ? '' : 's'}` : '';
  const head = `${summary.total} dependenc${summary.total === 1 ? 'y' : 'ies'} added or changed: ${summary.ok} ok, ${summary.warn} warn, ${summary.fail} fail, ${summary.unverifiable} unverifiable (${summary.blocking} blocking)${problems}`;
  const blocking = report.results.filter((result) => result.blocking);
  const shown = blocking
    .slice(0, EVIDENCE_FINDINGS)
    .map(
      (r) => `${r.dependency.name}@${r.dependency.version || '(any)'} ${r.dependency.file}:${r.dependency.line}: ${r.reasons.join('; ')}`,
    );
  const more = blocking.length > EVIDENCE_FINDINGS ? [`and ${blocking.length - EVIDENCE_FINDINGS} more`] : [];
  const overLimit = report.overLimit === undefined ? [] : [describeOverLimit(report.overLimit)];
  return [head, ...overLimit, ...shown, ...more].join('; ');
}

/**
 * Package reality for the QA node: the dependency files the change touches are parsed at the base
 * commit and with the change applied, the dependencies that are new or changed are verified
 * against their registries and OSV, and the check passes when none of them blocks and every file
 * could be read. Each blocking dependency, and each problem reading a file, becomes a finding at
 * its line. A change that adds no dependency and breaks no file passes without any network request.
 */
export function createDependencyVerifier(options: DependencyVerifierOptions): DependencyVerifier {
  let clients: Promise<PackageClients> | undefined;
  const clientsOnce = () => (clients ??= typeof options.clients === 'function' ? options.clients() : Promise.resolve(options.clients));
  return {
    async verifyChanges(changes, readBase) {
      const base = options.readBase ?? readBase;
      const paths = [...changes.keys()].filter((file) => detectFormat(file) !== null).sort();
      // Files the change does not touch (a requirements include) read the same at head as at base.
      const readHead: ReadText = async (file) => (changes.has(file) ? (changes.get(file) ?? null) : base(file));
      const head = await collectDependencyFiles(paths, readHead);
      const before = await collectDependencyFiles(paths, base);
      const baseDeps = new Map(before.files.map((file) => [file.path, file.result.dependencies]));
      const dependencies = head.files.flatMap((file) => diffDependencies(baseDeps.get(file.path) ?? null, file.result.dependencies));
      if (dependencies.length === 0 && head.problems.length === 0)
        return { passed: true, evidence: 'no dependency added or changed', findings: [] };
      const report = await verifyDependencies({
        dependencies,
        problems: head.problems,
        clients: await clientsOnce(),
        policy: options.policy,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
      const findings = [
        ...report.problems.map((problem) => ({
          path: problem.file,
          line: problem.line,
          message: `aos could not read this dependency file: ${problem.message}`,
        })),
        ...report.results
          .filter((result) => result.blocking)
          .map((result) => ({
            path: result.dependency.file,
            line: result.dependency.line,
            message: `${result.dependency.name}@${result.dependency.version || '(any)'}: ${result.reasons.join('; ')}`,
          })),
      ];
      return { passed: report.summary.passed, evidence: evidenceOf(report), findings };
    },
  };
}
