import type { NpmRegistryClient } from '../npm/create-npm-registry-client.ts';
import type { OsvClient } from '../osv/create-osv-client.ts';
import type { PypiClient } from '../pypi/create-pypi-client.ts';

/** The sources a verification may use; one that is absent makes its checks unverifiable, with the reason below. */
export interface PackageClients {
  npm?: NpmRegistryClient;
  pypi?: PypiClient;
  osv?: OsvClient;
}

/** Why a check could not run for want of a source: said in the report, never skipped silently. */
export const MISSING_SOURCE_REASON = {
  npm: 'unverifiable: npm registry unknown: set AOS_NPM_REGISTRY or configure npm',
  pypi: 'unverifiable: set AOS_PYPI_URL',
  osv: 'vulnerabilities unverifiable: set AOS_OSV_URL',
} as const;
