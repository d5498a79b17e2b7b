import { maxSatisfyingNpm } from '../npm/match-npm-range.ts';
import type { NpmPackageInfo } from '../npm/npm-package-info.ts';
import { parseSemver } from '../npm/parse-semver.ts';
import type { VersionFacts } from './dependency-facts.ts';

/** What a declared npm version or range comes to against the package's versions. */
export interface NpmVersionInspection {
  version: VersionFacts;
  deprecated?: string;
  hasInstallScript?: boolean;
}

const TAG = /^[A-Za-z][A-Za-z0-9._-]*$/;

/**
 * Resolves `declared` the way npm would: an exact version must be published; a dist-tag
 * (`latest`, `next`) must exist; a range resolves to its highest matching version; '' and `*`
 * mean `latest`. Pure.
 */
export function inspectNpmVersion(info: NpmPackageInfo, declared: string): NpmVersionInspection {
  const spec = declared.trim();
  const latest = info.distTags.latest;
  const hint = latest === undefined ? '' : ` (latest is ${latest})`;
  let resolved: string | null;
  let missing: string;
  if (spec === '' || spec === '*' || spec === 'latest') {
    resolved = latest ?? maxSatisfyingNpm(Object.keys(info.versions), '*');
    missing = 'package has no published version';
  } else if (parseSemver(spec) !== null) {
    const exact = spec.replace(/^[=v\s]+/, '');
    resolved = info.versions[exact] === undefined ? null : exact;
    missing = `version ${spec} does not exist${hint}`;
  } else if (TAG.test(spec) && !/^[xX*]$/.test(spec)) {
    resolved = info.distTags[spec] ?? null;
    missing = `dist-tag "${spec}" does not exist${hint}`;
  } else {
    resolved = maxSatisfyingNpm(Object.keys(info.versions), spec);
    missing = `no published version matches ${spec}${hint}`;
  }
  if (resolved === null || info.versions[resolved] === undefined) return { version: { status: 'missing', message: missing } };
  const entry = info.versions[resolved];
  const inspection: NpmVersionInspection = { version: { status: 'found', version: resolved } };
  if (entry?.deprecated !== undefined) inspection.deprecated = entry.deprecated;
  if (entry?.hasInstallScript) inspection.hasInstallScript = true;
  return inspection;
}
