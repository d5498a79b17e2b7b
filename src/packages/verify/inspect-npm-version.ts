import type { NpmPackageInfo } from '../npm/npm-package-info.ts';
import { pickNpmVersion } from '../npm/pick-npm-version.ts';
import type { VersionFacts } from './dependency-facts.ts';

/** What a declared npm version or range comes to against the package's versions. */
export interface NpmVersionInspection {
  version: VersionFacts;
  deprecated?: string;
  hasInstallScript?: boolean;
}

/**
 * Resolves `declared` to the version npm would install (`pickNpmVersion`), with that version's
 * deprecation and install scripts. Pure.
 */
export function inspectNpmVersion(info: NpmPackageInfo, declared: string): NpmVersionInspection {
  const pick = pickNpmVersion(info, declared);
  if (pick.kind === 'missing') return { version: { status: 'missing', message: pick.message } };
  const entry = info.versions[pick.version];
  const inspection: NpmVersionInspection = { version: { status: 'found', version: pick.version } };
  if (entry?.deprecated !== undefined) inspection.deprecated = entry.deprecated;
  if (entry?.hasInstallScript) inspection.hasInstallScript = true;
  return inspection;
}
