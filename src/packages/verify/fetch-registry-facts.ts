import type { PackageRealityPolicy } from '../../config/package-reality-schema.ts';
import type { NpmRegistryClient } from '../npm/create-npm-registry-client.ts';
import type { NpmPackageLookup } from '../npm/npm-package-info.ts';
import type { PypiClient } from '../pypi/create-pypi-client.ts';
import type { PypiProjectLookup } from '../pypi/pypi-project-info.ts';
import type { Dependency } from '../types.ts';
import type { RegistryFacts } from './dependency-facts.ts';
import { inspectNpmVersion } from './inspect-npm-version.ts';
import { inspectPypiVersion } from './inspect-pypi-version.ts';
import { MISSING_SOURCE_REASON, type PackageClients } from './package-clients.ts';

/** Package lookups shared by every declaration of the same name (one request per name). */
export interface PackageLookups {
  npm(name: string): Promise<NpmPackageLookup>;
  pypi(name: string): Promise<PypiProjectLookup>;
}

const DAY_MS = 86_400_000;
/** `${VAR}`: filled in from the environment when installing (pip, npm config), so not a name or version of its own. */
const PLACEHOLDER = /\$\{[^}]*\}/;

async function npmFacts(
  client: NpmRegistryClient,
  lookup: NpmPackageLookup,
  dependency: Dependency,
  policy: PackageRealityPolicy,
  now: number,
): Promise<RegistryFacts> {
  if (lookup.status === 'unverifiable') return lookup;
  if (lookup.status === 'not_found') return { status: 'package_missing', registry: lookup.registry };
  const facts: RegistryFacts = { status: 'found', ...inspectNpmVersion(lookup.info, dependency.version) };
  if (lookup.info.created !== undefined) return { ...facts, firstPublished: lookup.info.created };
  // Only the full document has `time.created`; a package last modified before the window opened
  // cannot have been created inside it, so the (possibly huge) full document is fetched only otherwise.
  const modified = lookup.info.modified === undefined ? Number.NaN : Date.parse(lookup.info.modified);
  if (policy.rules.new_package === 'off' || now - modified >= policy.new_package_days * DAY_MS) return facts;
  const created = await client.getCreated(dependency.name);
  if (created.status === 'unverifiable') return { ...facts, ageUnverifiable: created.reason };
  return created.created === null ? facts : { ...facts, firstPublished: created.created };
}

async function pypiFacts(client: PypiClient, lookup: PypiProjectLookup, dependency: Dependency): Promise<RegistryFacts> {
  if (lookup.status === 'unverifiable') return lookup;
  if (lookup.status === 'not_found') return { status: 'package_missing', registry: lookup.index };
  const age = lookup.info.firstUpload === undefined ? {} : { firstPublished: lookup.info.firstUpload };
  const inspection = inspectPypiVersion(lookup.info, dependency.version);
  if (inspection.kind === 'missing') return { status: 'found', version: { status: 'missing', message: inspection.message }, ...age };
  if (inspection.kind === 'resolved') return { status: 'found', version: { status: 'found', version: inspection.version }, ...age };
  const release = await client.getRelease(dependency.name, inspection.version);
  if (release.status === 'unverifiable') return release;
  if (release.status === 'not_found') {
    const hint = lookup.info.latest === undefined ? '' : ` (latest is ${lookup.info.latest})`;
    return { status: 'found', version: { status: 'missing', message: `version ${inspection.version} does not exist${hint}` }, ...age };
  }
  const yanked = release.yanked ? { yanked: { reason: release.yankedReason } } : {};
  return { status: 'found', version: { status: 'found', version: inspection.version }, ...yanked, ...age };
}

/**
 * Fetches what the registry knows about one registry dependency: existence, the version it
 * declares (resolving ranges), deprecation, install scripts, yanks and first publication. A name
 * or version holding a `${VAR}` placeholder is unverifiable without any request.
 */
export async function fetchRegistryFacts(
  dependency: Dependency,
  clients: PackageClients,
  lookups: PackageLookups,
  policy: PackageRealityPolicy,
  now: number,
): Promise<RegistryFacts> {
  if (dependency.source !== 'registry') return { status: 'not_registry' };
  const placeholder = PLACEHOLDER.exec(`${dependency.name} ${dependency.version}`)?.[0];
  if (placeholder !== undefined) {
    return {
      status: 'unverifiable',
      reason: `unverifiable: ${JSON.stringify(dependency.version.includes(placeholder) ? dependency.version : dependency.name)} is a placeholder filled in at install time, so what it installs cannot be checked`,
    };
  }
  if (dependency.ecosystem === 'npm') {
    if (!clients.npm) return { status: 'unverifiable', reason: MISSING_SOURCE_REASON.npm };
    return npmFacts(clients.npm, await lookups.npm(dependency.name), dependency, policy, now);
  }
  if (!clients.pypi) return { status: 'unverifiable', reason: MISSING_SOURCE_REASON.pypi };
  return pypiFacts(clients.pypi, await lookups.pypi(dependency.name), dependency);
}
