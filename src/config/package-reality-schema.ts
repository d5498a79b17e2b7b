import { z } from 'zod';

/** What a rule does when it matches: fail the dependency, warn about it, or nothing. */
const level = z.enum(['fail', 'warn', 'off'], { error: 'must be fail, warn or off' });

/** What happens to a dependency that could not be checked. */
const unverifiableLevel = z.enum(['fail', 'warn'], { error: 'must be fail or warn' });

/** One action per finding kind. */
const rulesSchema = z.strictObject({
  /** The package does not exist in its registry (a hallucinated or misspelled name). */
  nonexistent_package: level.default('fail').describe('The package does not exist in its registry.'),
  /** The package exists but not at the declared version, or no version matches the declared range. */
  nonexistent_version: level.default('fail').describe('The package exists but no published version matches the declared one.'),
  /** OSV lists the version as malicious (a MAL- advisory). */
  malware: level.default('fail').describe('OSV lists the package as malicious (MAL- advisory).'),
  /** A known vulnerability of critical severity (CVSS ≥ 9 or rated CRITICAL). */
  critical_vulnerability: level.default('fail').describe('A known vulnerability of critical severity.'),
  /** A known vulnerability of high severity (CVSS 7–8.9). */
  high_vulnerability: level.default('warn').describe('A known vulnerability of high severity.'),
  /** A known vulnerability of moderate severity (CVSS 4–6.9). */
  moderate_vulnerability: level.default('off').describe('A known vulnerability of moderate severity (still listed in the report).'),
  /** A known vulnerability of low severity. */
  low_vulnerability: level.default('off').describe('A known vulnerability of low severity (still listed in the report).'),
  /** A known vulnerability whose severity OSV does not state in a form aos reads. */
  unrated_vulnerability: level.default('warn').describe('A known vulnerability without a severity aos can read.'),
  /** The name is one or two edits away from a popular package's name. */
  typosquat: level.default('warn').describe('The name is one or two edits away from a popular package name.'),
  /** The package was first published fewer than `new_package_days` days ago. */
  new_package: level.default('warn').describe('The package was first published fewer than new_package_days days ago.'),
  /** The npm version runs preinstall, install or postinstall scripts. */
  install_scripts: level.default('warn').describe('The npm version runs install scripts.'),
  /** The version is deprecated by its publisher. */
  deprecated: level.default('warn').describe('The version is deprecated by its publisher.'),
  /** The PyPI release was yanked by its publisher. */
  yanked: level.default('fail').describe('The PyPI release was yanked by its publisher.'),
});

/** `configs/package_reality.yaml`: what the package-reality check fails and warns on. */
export const packageRealitySchema = z.strictObject({
  /** A package first published fewer than this many days ago counts as new. */
  new_package_days: z
    .number()
    .int()
    .min(0, 'must be 0 or more')
    .default(30)
    .describe('A package first published fewer than this many days ago is new.'),
  /** Actions per finding kind. */
  rules: rulesSchema.default(() => rulesSchema.parse({})).describe('Action per finding kind: fail, warn or off.'),
  /** A registry dependency that could not be checked (registry or OSV unreachable or not configured). */
  on_unverifiable: unverifiableLevel.default('fail').describe('Registry or OSV unreachable or not configured: fail or warn.'),
  /** A git, file, link, workspace, tarball, patch or portal dependency, which no registry can vouch for. */
  on_non_registry_source: unverifiableLevel
    .default('warn')
    .describe('git/file/link/workspace/tarball/patch/portal dependency: fail or warn.'),
  /** Distinct dependencies one run checks at most; above it nothing is checked and the check fails, saying so. */
  max_dependencies: z
    .number()
    .int()
    .min(1)
    .default(5000)
    .describe('Distinct dependencies checked per run at most; above it the check fails, saying so.'),
  /** Requests to registries and OSV in flight at once. */
  concurrency: z.number().int().min(1).max(256).default(16).describe('Requests to registries and OSV in flight at once.'),
  /** Time one request may take, per attempt, in milliseconds. */
  request_timeout_ms: z.number().int().min(100).default(10_000).describe('Time one request may take, per attempt, in ms.'),
  /** Attempts per request on 429, 5xx, timeouts and connection errors. */
  max_attempts: z.number().int().min(1).max(10).default(3).describe('Attempts per request on 429, 5xx, timeouts and connection errors.'),
  /** How long registry and OSV answers are cached. */
  cache: z
    .strictObject({
      /** Lifetime of an answer that found something (a package, a version, advisories). */
      positive_ttl_seconds: z.number().int().min(0).default(3600).describe('Lifetime of an answer that found something, in seconds.'),
      /** Lifetime of a "not found" answer: short, since a package may be published any minute. */
      negative_ttl_seconds: z.number().int().min(0).default(300).describe('Lifetime of a not-found answer, in seconds.'),
    })
    .default({ positive_ttl_seconds: 3600, negative_ttl_seconds: 300 })
    .describe('How long registry and OSV answers are cached.'),
});

/** The validated package-reality policy. */
export type PackageRealityPolicy = z.output<typeof packageRealitySchema>;

/** One rule name of the policy. */
export type PackageRealityRule = keyof PackageRealityPolicy['rules'];
