import type { Advisory } from '../osv/advisory.ts';

/** Whether the declared version exists, once the registry answered. */
export type VersionFacts =
  /** `version` is the exact version checked: the declared one, or what a range or tag resolves to. */
  { status: 'found'; version: string } | { status: 'missing'; message: string };

/** What the registry said about a dependency. */
export type RegistryFacts =
  /** git, file, link, workspace, tarball, patch or portal: no registry can vouch for it. */
  | { status: 'not_registry' }
  | { status: 'unverifiable'; reason: string }
  | { status: 'package_missing'; registry: string }
  | {
      status: 'found';
      version: VersionFacts;
      deprecated?: string;
      hasInstallScript?: boolean;
      /** PyPI: the release was yanked (`reason` null when none was given). */
      yanked?: { reason: string | null };
      /** First publication (ISO time), when known. */
      firstPublished?: string;
      /** Why the first publication is unknown although the package could be new. */
      ageUnverifiable?: string;
    };

/** What OSV said about the dependency's version. */
export type VulnerabilityFacts =
  | { status: 'checked'; advisories: Advisory[] }
  | { status: 'unverifiable'; reason: string }
  /** Nothing to look up: not a registry dependency, or no such version. */
  | { status: 'not_applicable' };

/** Everything fetched about one dependency; `decideVerdict` judges it without further I/O. */
export interface DependencyFacts {
  registry: RegistryFacts;
  vulnerabilities: VulnerabilityFacts;
}
