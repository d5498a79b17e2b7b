import { valid } from 'semver';
import type { PackageRealityPolicy } from '../../config/package-reality-schema.ts';
import { createLimiter } from '../http/create-limiter.ts';
import type { NpmPackageLookup } from '../npm/npm-package-info.ts';
import type { VulnerabilityLookup } from '../osv/advisory.ts';
import { osvQueryKey, type OsvQuery } from '../osv/create-osv-client.ts';
import type { PypiProjectLookup } from '../pypi/pypi-project-info.ts';
import { createTyposquatCheck, type TyposquatCheck } from '../typosquat/find-typosquat.ts';
import type { Dependency, ParseProblem } from '../types.ts';
import { decideVerdict } from './decide-verdict.ts';
import type { RegistryFacts, VulnerabilityFacts } from './dependency-facts.ts';
import { fetchRegistryFacts } from './fetch-registry-facts.ts';
import { MISSING_SOURCE_REASON, type PackageClients } from './package-clients.ts';
import type { DependencyResult, VerificationReport } from './verification-report.ts';

/** Options of `verifyDependencies`. */
export interface VerifyDependenciesOptions {
  dependencies: readonly Dependency[];
  /** Problems met reading the files the dependencies come from; any one fails the report. */
  problems?: readonly ParseProblem[];
  clients: PackageClients;
  policy: PackageRealityPolicy;
  /** Dependency checks in flight at once; default the policy's `concurrency`. */
  concurrency?: number;
  now?: () => number;
  /** Progress lines for long runs (the CLI prints them on stderr). */
  onProgress?: (message: string) => void;
  typosquat?: TyposquatCheck;
}

const declarationKey = (d: Dependency) => `${d.ecosystem}:${d.name}@${d.version}:${d.source}`;

/** The bare version declared, for which OSV can be asked before the registry has answered; undefined for a range. */
const exactVersion = (d: Dependency): string | undefined => {
  if (d.ecosystem === 'npm') return valid(d.version.trim(), { loose: true }) ?? undefined;
  return d.version !== '' && !/[<>=!~,*\s]/.test(d.version) ? d.version : undefined;
};

function memo<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const entries = new Map<string, Promise<T>>();
  return (key) => {
    let entry = entries.get(key);
    if (entry === undefined) entries.set(key, (entry = load(key)));
    return entry;
  };
}

/**
 * Verifies dependencies against their registries and OSV, then judges each with
 * `decideVerdict`. Each package name is fetched once however often it is declared; OSV is asked
 * about exact versions while the registries are still answering, and about resolved ranges after.
 * Never throws for an unreachable source: those dependencies are unverifiable, with the reason.
 * The problems met reading the files are carried into the report, and fail it. More distinct
 * declarations than the policy's `max_dependencies` are not checked at all: the report says so
 * and fails, so a huge lockfile can neither pass unread nor cost unbounded requests.
 */
export async function verifyDependencies(options: VerifyDependenciesOptions): Promise<VerificationReport> {
  const { dependencies, clients, policy } = options;
  const now = options.now ?? Date.now;
  const started = now();
  const progress = options.onProgress ?? (() => undefined);
  const typosquat = options.typosquat ?? createTyposquatCheck();
  const limit = createLimiter(options.concurrency ?? policy.concurrency);
  const lookups = {
    npm: memo<NpmPackageLookup>(
      (name) => clients.npm?.getPackage(name) ?? Promise.resolve({ status: 'unverifiable', reason: MISSING_SOURCE_REASON.npm }),
    ),
    pypi: memo<PypiProjectLookup>(
      (name) => clients.pypi?.getProject(name) ?? Promise.resolve({ status: 'unverifiable', reason: MISSING_SOURCE_REASON.pypi }),
    ),
  };

  const problems = [...(options.problems ?? [])];
  const unique = [...new Map(dependencies.map((d) => [declarationKey(d), d])).values()];
  if (unique.length > policy.max_dependencies) {
    progress(`${unique.length} distinct dependencies, above max_dependencies (${policy.max_dependencies}): none checked`);
    const summary = {
      total: 0,
      ok: 0,
      warn: 0,
      fail: 0,
      unverifiable: 0,
      blocking: 0,
      problems: problems.length,
      unchecked: dependencies.length,
      passed: false,
    };
    const timing = { startedAt: new Date(started).toISOString(), durationMs: Math.round(now() - started) };
    return { results: [], summary, problems, overLimit: { distinct: unique.length, limit: policy.max_dependencies }, timing };
  }
  const registryDeps = dependencies.filter((d) => d.source === 'registry');
  const osvQuery = (d: Dependency, version: string): OsvQuery => ({ ecosystem: d.ecosystem, name: d.name, version });
  const exactQueries = registryDeps.flatMap((d) => {
    const version = exactVersion(d);
    return version === undefined ? [] : [osvQuery(d, version)];
  });
  const early = clients.osv?.query(exactQueries) ?? Promise.resolve(new Map<string, VulnerabilityLookup>());

  progress(`checking ${dependencies.length} dependencies (${unique.length} distinct declarations)`);
  const facts = new Map<string, RegistryFacts>();
  let done = 0;
  const step = Math.max(50, Math.ceil(unique.length / 10));
  await Promise.all(
    unique.map((d) =>
      limit(async () => {
        facts.set(declarationKey(d), await fetchRegistryFacts(d, clients, lookups, policy, now()));
        done += 1;
        if (done % step === 0 && done < unique.length) progress(`registry: ${done}/${unique.length} checked`);
      }),
    ),
  );

  const vulnerabilities = new Map(await early);
  const checked = (d: Dependency): string | undefined => {
    const registry = facts.get(declarationKey(d));
    return registry?.status === 'found' && registry.version.status === 'found' ? registry.version.version : undefined;
  };
  const late = registryDeps.filter((d) => checked(d) !== undefined && !vulnerabilities.has(osvQueryKey(osvQuery(d, checked(d) ?? ''))));
  if (clients.osv && late.length > 0) {
    progress(`OSV: looking up ${late.length} resolved versions`);
    for (const [key, value] of await clients.osv.query(late.map((d) => osvQuery(d, checked(d) ?? '')))) vulnerabilities.set(key, value);
  }

  const vulnerabilityFacts = (d: Dependency, registry: RegistryFacts): VulnerabilityFacts => {
    if (registry.status === 'not_registry' || registry.status === 'package_missing') return { status: 'not_applicable' };
    if (registry.status === 'found' && registry.version.status === 'missing') return { status: 'not_applicable' };
    if (!clients.osv) return { status: 'unverifiable', reason: MISSING_SOURCE_REASON.osv };
    const version = checked(d) ?? exactVersion(d);
    if (version === undefined)
      return {
        status: 'unverifiable',
        reason: `vulnerabilities not checked: range ${d.version || '(any)'} could not be resolved to a version`,
      };
    return vulnerabilities.get(osvQueryKey(osvQuery(d, version))) ?? { status: 'unverifiable', reason: 'OSV gave no answer' };
  };

  const decidedAt = now();
  const results = dependencies.map((dependency): DependencyResult => {
    const registry = facts.get(declarationKey(dependency)) ?? { status: 'unverifiable', reason: 'not checked' };
    const vulns = vulnerabilityFacts(dependency, registry);
    const decision = decideVerdict({ dependency, facts: { registry, vulnerabilities: vulns }, policy, now: decidedAt, typosquat });
    const result: DependencyResult = { dependency, ...decision, advisories: vulns.status === 'checked' ? vulns.advisories : [] };
    const version = checked(dependency);
    if (version !== undefined) result.checkedVersion = version;
    return result;
  });
  const count = (verdict: DependencyResult['verdict']) => results.filter((r) => r.verdict === verdict).length;
  const blocking = results.filter((r) => r.blocking).length;
  const summary = {
    total: results.length,
    ok: count('ok'),
    warn: count('warn'),
    fail: count('fail'),
    unverifiable: count('unverifiable'),
    blocking,
    problems: problems.length,
    unchecked: 0,
    passed: blocking === 0 && problems.length === 0,
  };
  return { results, summary, problems, timing: { startedAt: new Date(started).toISOString(), durationMs: Math.round(now() - started) } };
}
