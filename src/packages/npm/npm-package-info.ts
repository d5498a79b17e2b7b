import type { UnverifiableLookup } from '../cache/cached-registry-lookup.ts';

/** What aos keeps of an npm packument: enough to judge a version, small enough to cache. */
export interface NpmPackageInfo {
  name: string;
  /** Last change to the package (abbreviated document's `modified`). */
  modified?: string;
  /** First publication (`time.created`), when the registry sent the full document. */
  created?: string;
  distTags: Record<string, string>;
  versions: Record<string, NpmVersionInfo>;
}

/** Per-version facts. */
export interface NpmVersionInfo {
  /** The deprecation message, when the publisher deprecated this version. */
  deprecated?: string;
  /** True when the version runs preinstall, install or postinstall scripts. */
  hasInstallScript?: boolean;
}

/** The answer of the npm registry about one package name. */
export type NpmPackageLookup = { status: 'found'; info: NpmPackageInfo } | { status: 'not_found'; registry: string } | UnverifiableLookup;

/** The answer about a package's first publication. */
export type NpmCreatedLookup = { status: 'found'; created: string | null } | UnverifiableLookup;

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

/**
 * Digests an abbreviated (`application/vnd.npm.install-v1+json`) or full packument. Registries
 * that ignore the Accept header send the full one: then install scripts are read from `scripts`
 * and `time.created` comes for free.
 */
export function digestPackument(name: string, document: unknown): NpmPackageInfo {
  const doc = (document ?? {}) as Record<string, unknown>;
  const versions: Record<string, NpmVersionInfo> = {};
  for (const [version, raw] of Object.entries((doc.versions ?? {}) as Record<string, Record<string, unknown>>)) {
    const entry: NpmVersionInfo = {};
    if (typeof raw.deprecated === 'string' && raw.deprecated !== '') entry.deprecated = raw.deprecated;
    const scripts = (raw.scripts ?? {}) as Record<string, unknown>;
    if (raw.hasInstallScript === true || INSTALL_SCRIPTS.some((script) => typeof scripts[script] === 'string'))
      entry.hasInstallScript = true;
    versions[version] = entry;
  }
  const info: NpmPackageInfo = { name, distTags: { ...((doc['dist-tags'] ?? {}) as Record<string, string>) }, versions };
  const time = (doc.time ?? {}) as Record<string, unknown>;
  const modified = doc.modified ?? time.modified;
  if (typeof modified === 'string') info.modified = modified;
  if (typeof time.created === 'string') info.created = time.created;
  return info;
}
