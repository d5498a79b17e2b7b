import type { PackageRealityPolicy, PackageRealityRule } from '../../config/package-reality-schema.ts';
import type { Advisory } from '../osv/advisory.ts';
import type { TyposquatCheck } from '../typosquat/find-typosquat.ts';
import type { Dependency } from '../types.ts';
import type { DependencyFacts } from './dependency-facts.ts';

/** The verdict on one dependency, worst finding first: fail > unverifiable > warn > ok. */
export type Verdict = 'ok' | 'warn' | 'fail' | 'unverifiable';

/** One reason behind a verdict. */
export interface Finding {
  rule: PackageRealityRule | 'unverifiable' | 'non_registry_source';
  outcome: 'fail' | 'warn' | 'unverifiable';
  /** True when this finding fails the check (every `fail`; `unverifiable` as the policy says). */
  blocking: boolean;
  message: string;
}

/** The decision on one dependency. */
export interface VerdictDecision {
  verdict: Verdict;
  /** True when the dependency fails the check. */
  blocking: boolean;
  reasons: string[];
  findings: Finding[];
}

/** Inputs of `decideVerdict`; `now` is passed in so the decision stays pure. */
export interface DecideVerdictInput {
  dependency: Dependency;
  facts: DependencyFacts;
  policy: PackageRealityPolicy;
  now: number;
  typosquat: TyposquatCheck;
}

const DAY_MS = 86_400_000;
const RANK: Record<Verdict, number> = { ok: 0, warn: 1, unverifiable: 2, fail: 3 };

function vulnerabilityRule(advisory: Advisory): PackageRealityRule {
  if (advisory.malware) return 'malware';
  return advisory.severity === 'unknown' ? 'unrated_vulnerability' : `${advisory.severity}_vulnerability`;
}

function describeAdvisory(advisory: Advisory): string {
  if (advisory.malware) return `malware: ${advisory.id}${advisory.summary ? ` (${advisory.summary})` : ''}`;
  const score = advisory.score === undefined ? '' : `, CVSS ${advisory.score}`;
  return `${advisory.severity} vulnerability ${advisory.id}${score}${advisory.summary ? `: ${advisory.summary}` : ''}`;
}

/**
 * Judges one dependency from its fetched facts under the policy. Pure: the same input always
 * gives the same verdict, and nothing is fetched.
 */
export function decideVerdict({ dependency, facts, policy, now, typosquat }: DecideVerdictInput): VerdictDecision {
  const findings: Finding[] = [];
  const rule = (name: PackageRealityRule, message: string) => {
    const level = policy.rules[name];
    if (level !== 'off') findings.push({ rule: name, outcome: level, blocking: level === 'fail', message });
  };
  const unverifiable = (message: string) =>
    findings.push({ rule: 'unverifiable', outcome: 'unverifiable', blocking: policy.on_unverifiable === 'fail', message });
  const { registry, vulnerabilities } = facts;

  if (registry.status === 'not_registry') {
    findings.push({
      rule: 'non_registry_source',
      outcome: 'unverifiable',
      blocking: policy.on_non_registry_source === 'fail',
      message: `not registry-verifiable: ${dependency.source} dependency${dependency.resolved ? ` (${dependency.resolved})` : ''}`,
    });
  } else {
    const lookalike = typosquat(dependency.name, dependency.ecosystem);
    if (lookalike !== null) rule('typosquat', `looks like ${lookalike}`);
  }
  if (registry.status === 'unverifiable') unverifiable(registry.reason);
  if (registry.status === 'package_missing') rule('nonexistent_package', `package does not exist in ${registry.registry}`);
  if (registry.status === 'found') {
    if (registry.version.status === 'missing') rule('nonexistent_version', registry.version.message);
    if (registry.yanked)
      rule('yanked', `release ${dependency.version} was yanked${registry.yanked.reason ? `: ${registry.yanked.reason}` : ''}`);
    if (registry.deprecated !== undefined) rule('deprecated', `deprecated: ${registry.deprecated}`);
    if (registry.hasInstallScript) rule('install_scripts', 'runs install scripts (preinstall/install/postinstall) on install');
    if (registry.firstPublished !== undefined) {
      const days = Math.floor((now - Date.parse(registry.firstPublished)) / DAY_MS);
      if (days < policy.new_package_days)
        rule('new_package', `first published ${days} day${days === 1 ? '' : 's'} ago (${registry.firstPublished.slice(0, 10)})`);
    }
    if (registry.ageUnverifiable !== undefined) unverifiable(`first-publish date unknown: ${registry.ageUnverifiable}`);
  }
  if (vulnerabilities.status === 'unverifiable') unverifiable(vulnerabilities.reason);
  if (vulnerabilities.status === 'checked') {
    for (const advisory of vulnerabilities.advisories) {
      rule(vulnerabilityRule(advisory), describeAdvisory(advisory));
      if (advisory.detailsError !== undefined && !advisory.malware)
        unverifiable(`severity of ${advisory.id} unknown: ${advisory.detailsError}`);
    }
  }

  const verdict = findings.reduce<Verdict>((worst, finding) => (RANK[finding.outcome] > RANK[worst] ? finding.outcome : worst), 'ok');
  return { verdict, blocking: findings.some((finding) => finding.blocking), reasons: findings.map((finding) => finding.message), findings };
}
