import { DEFAULT_SECRET_FILE_GLOBS } from './secret-files.ts';
import type { EditGuardPolicy } from './edit-guard-types.ts';

/**
 * Paths aos never edits, as gitignore globs (`README.md` lists them). CI definitions and what
 * they run (workflows, composite actions, other CI systems' files, git hooks, editor tasks) act
 * with the repository's secrets; aos's own settings, code owners and dependabot decide who
 * reviews and what aos may do; git metadata, package-manager configuration and `binding.gyp` (npm
 * runs `node-gyp rebuild` for it at install time) change what a checkout or an install executes;
 * keys and environment files hold secrets. Install-time scripts in `package.json` are a rule of
 * their own (`install_script`), and secret files (`DEFAULT_SECRET_FILE_GLOBS`) are never edited
 * either (`secret_file`).
 */
export const DEFAULT_DENY_GLOBS: readonly string[] = Object.freeze([
  '.github/workflows/**',
  '.github/actions/**',
  'action.yml',
  'action.yaml',
  '.github/aos.yml',
  '.github/dependabot.yml',
  '.github/dependabot.yaml',
  '/CODEOWNERS',
  '.github/CODEOWNERS',
  'docs/CODEOWNERS',
  '.gitmodules',
  '.gitattributes',
  '.npmrc',
  '.yarnrc*',
  '.pypirc',
  'pip.conf',
  '.husky/',
  '**/.vscode/tasks.json',
  'binding.gyp',
  '.gitlab-ci.yml',
  '.circleci/',
  'Jenkinsfile',
  'azure-pipelines.yml',
  '.travis.yml',
  'bitbucket-pipelines.yml',
  'id_rsa*',
  'id_dsa*',
  'id_ecdsa*',
  'id_ed25519*',
  '*.key',
  '*.pem',
  '*.p12',
  '*.pfx',
  '*.jks',
  '*.keystore',
  '.env*',
]);

/** The edit-guard policy when a repository configures nothing. */
export const DEFAULT_EDIT_GUARD_POLICY: Readonly<EditGuardPolicy> = Object.freeze({
  denyGlobs: DEFAULT_DENY_GLOBS,
  secretFiles: DEFAULT_SECRET_FILE_GLOBS,
  maxFiles: 20,
  maxChangedLines: 1000,
  maxFileBytes: 1024 * 1024,
});
