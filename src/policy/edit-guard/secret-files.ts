import { AosError } from '../../observability/aos-error.ts';
import { matchPathGlobs } from './match-path-globs.ts';
import { protectedGlobAdditions } from './protected-globs.ts';

/**
 * Files that hold secrets by what they are, as gitignore globs: environment files, private keys
 * and certificates of every kind (`id_*` only for the SSH key types, so `id_generator.ts` stays
 * readable), keystores, password databases, package-manager and tool credentials, Terraform
 * state. A repository adds its own with `secret_files` in `.github/aos.yml`.
 */
export const DEFAULT_SECRET_FILE_GLOBS: readonly string[] = Object.freeze([
  '.env*',
  '*.pem',
  '*.key',
  'id_rsa*',
  'id_dsa*',
  'id_ecdsa*',
  'id_ed25519*',
  'id_xmss*',
  '*.p12',
  '*.pfx',
  '*.jks',
  '*.keystore',
  '*.ppk',
  '*.kdbx',
  '.npmrc',
  '.pypirc',
  '.netrc',
  '_netrc',
  '.git-credentials',
  '.pgpass',
  '.htpasswd',
  'credentials.json',
  '**/.aws/credentials',
  '**/.docker/config.json',
  '*.tfstate',
  '*.tfstate.backup',
]);

/**
 * The secret-file glob a path matches (the defaults first, then `extraGlobs`), or null. The one
 * answer to "may this file's content be read": the workspace refuses to read it, context
 * selection skips it and the edit guard refuses to change it.
 */
export function secretFileGlob(path: string, extraGlobs: readonly string[]): string | null {
  // Two lists rather than one merged per call: both arrays are stable, so both stay compiled.
  return (
    matchPathGlobs(DEFAULT_SECRET_FILE_GLOBS, path) ?? matchPathGlobs(protectedGlobAdditions(DEFAULT_SECRET_FILE_GLOBS, extraGlobs), path)
  );
}

/** True when `path` is a secret file (see `secretFileGlob`): its content is never read by aos. */
export function isSecretFile(path: string, extraGlobs: readonly string[]): boolean {
  return secretFileGlob(path, extraGlobs) !== null;
}

/**
 * The error a read of a secret file fails with (`secret_file`), or null when `path` may be read.
 * Every reader of repository content (the workspace, the GitHub and local git bases) refuses
 * through this one check, before any byte is fetched.
 */
export function secretFileReadError(path: string, extraGlobs: readonly string[]): AosError | null {
  const glob = secretFileGlob(path, extraGlobs);
  if (glob === null) return null;
  return new AosError(
    'secret_file',
    `${JSON.stringify(path)} is a secret file (it matches "${glob}"): aos never reads secret files nor shows them to a model`,
  );
}
