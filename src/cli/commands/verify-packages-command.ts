import type { CliCommand } from '../cli-command.ts';

/** `aos verify-packages [paths…] [--base <ref>] [--format md|json] [--report file]`. */
export const verifyPackagesCommand: CliCommand = {
  name: 'verify-packages',
  summary: 'check dependencies exist, are not malware and not known-vulnerable',
  help: `Usage: aos verify-packages [paths…] [--base <git ref>] [--format md|json] [--report <file>]

Verifies every dependency declared in the given lockfiles and manifests (default: every
package.json, package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml,
requirements*.txt, poetry.lock and uv.lock in the git repository) against its registry and OSV:
it exists at that version, is not malware, not critically vulnerable, not a typosquat, not new,
deprecated or yanked. Requirements files' -r/-c includes are followed inside the current
directory only (no path, absolute path or symbolic link out of it is read). The policy is
configs/package_reality.yaml under AOS_CONFIG_DIR (defaults when absent).

  --base <ref>       check only dependencies added or changed since that git ref
  --format md|json   report format (default md); json is printed on stdout, md summarised
  --report <file>    also write the whole report to this file; without it no file is written

Sources: AOS_NPM_REGISTRY (else your npm configuration), AOS_PYPI_URL, AOS_OSV_URL.
Exit codes: 0 all ok or warnings, 1 a dependency fails, 2 bad usage or input (a dependency
file aos cannot read, or only in part, is bad input: each problem is printed with its line).`,
  options: { base: { type: 'string' }, format: { type: 'string' }, report: { type: 'string' } },
  run: async (invocation) => (await import('./verify-local-packages.ts')).verifyLocalPackages(invocation),
};
