import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadEnv } from '../../config/index.ts';
import { loadPackageRealityPolicy } from '../../config/load-package-reality-policy.ts';
import { resolveNpmRegistry } from '../../config/resolve-npm-registry.ts';
import { collectDependencyFiles, type CollectedFile } from '../../packages/collect-dependency-files.ts';
import { confineToRepository } from '../../packages/confine-to-repository.ts';
import { createPackageClients } from '../../packages/create-package-clients.ts';
import { createGitRepository } from '../../workspace/create-git-repository.ts';
import { detectFormat } from '../../packages/parsers/parse-dependency-file.ts';
import { renderJsonReport } from '../../packages/report/render-json-report.ts';
import { renderMarkdownReport } from '../../packages/report/render-markdown-report.ts';
import { renderTextSummary } from '../../packages/report/render-text-summary.ts';
import type { Dependency } from '../../packages/types.ts';
import { diffDependencies } from '../../packages/verify/diff-dependencies.ts';
import { verifyDependencies } from '../../packages/verify/verify-dependencies.ts';
import type { CliCommand } from '../cli-command.ts';
import { UsageError } from '../usage-error.ts';

const FORMATS = ['md', 'json'] as const;

const readDisk = async (file: string) => (existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : null);
const posixPath = (file: string) => path.relative(process.cwd(), path.resolve(file)).split(path.sep).join('/');

/** Dependencies of `head` that are new against `base`, file by file; a file absent at base counts whole. */
function changedDependencies(head: CollectedFile[], base: CollectedFile[]): Dependency[] {
  const before = new Map(base.map((file) => [file.path, file.result.dependencies]));
  return head.flatMap((file) => diffDependencies(before.get(file.path) ?? null, file.result.dependencies));
}

/** `aos verify-packages [paths…] [--base <ref>] [--format md|json] [--output file]`. */
export const verifyPackagesCommand: CliCommand = {
  name: 'verify-packages',
  summary: 'check dependencies exist, are not malware and not known-vulnerable',
  help: `Usage: aos verify-packages [paths…] [--base <git ref>] [--format md|json] [--output file]

Verifies every dependency declared in the given lockfiles and manifests (default: every
package.json, package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml,
requirements*.txt, poetry.lock and uv.lock in the git repository) against its registry and OSV:
it exists at that version, is not malware, not critically vulnerable, not a typosquat, not new,
deprecated or yanked. Requirements files' -r/-c includes are followed inside the current
directory only (no path, absolute path or symbolic link out of it is read). The policy is
configs/package_reality.yaml under AOS_CONFIG_DIR (defaults when absent).

  --base <ref>     check only dependencies added or changed since that git ref
  --format md|json report format (default md; json is also printed on stdout)
  --output <file>  where to write the report (default evidence/pkg_reality_report.<format>)

Sources: AOS_NPM_REGISTRY (else your npm configuration), AOS_PYPI_URL, AOS_OSV_URL.
Exit codes: 0 all ok or warnings, 1 a dependency fails, 2 bad usage or input (a dependency
file aos cannot read, or only in part, is bad input: each problem is printed with its line).`,
  options: { base: { type: 'string' }, format: { type: 'string' }, output: { type: 'string' } },
  async run({ positionals, values, out, err }) {
    const format = (values.format as string | undefined) ?? 'md';
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be md or json, not "${format}"`);
    const base = values.base as string | undefined;
    const git = createGitRepository(process.cwd());
    const inRepository = await git.isRepository();
    if (base !== undefined && !inRepository) throw new UsageError('--base needs a git repository, and this is not one');
    if (base !== undefined && !(await git.isCommit(base))) throw new UsageError(`unknown git ref "${base}"`);
    for (const file of positionals) {
      if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`no such file: ${file}`);
      if (detectFormat(file) === null) throw new UsageError(`not a dependency file aos reads: ${file}`);
    }
    if (positionals.length === 0 && !inRepository) throw new UsageError('not a git repository: name the files to check');
    const paths = positionals.length > 0 ? positionals.map(posixPath) : await git.listFiles((file) => detectFormat(file) !== null);

    const env = loadEnv();
    const policy = loadPackageRealityPolicy(env.AOS_CONFIG_DIR);
    const head = await collectDependencyFiles(paths, confineToRepository(process.cwd(), readDisk));
    const dependencies =
      base === undefined
        ? head.files.flatMap((file) => file.result.dependencies)
        : changedDependencies(head.files, (await collectDependencyFiles(paths, (file) => git.readAt(base, file))).files);
    const { clients, sources } = createPackageClients({
      npmRegistries: await resolveNpmRegistry({ cwd: process.cwd() }),
      pypiUrl: env.AOS_PYPI_URL,
      osvUrl: env.AOS_OSV_URL,
      policy,
    });
    const progress = (message: string) => err(`verify-packages: ${message}`);
    if (base !== undefined) progress(`${dependencies.length} dependencies added or changed since ${base}`);
    const report = await verifyDependencies({ dependencies, problems: head.problems, clients, policy, onProgress: progress });

    const context = { report, sources, files: head.files.map((file) => file.path), scope: base === undefined ? 'full scan' : `changes since ${base}` };
    const text = format === 'json' ? renderJsonReport(context) : renderMarkdownReport(context);
    const output = (values.output as string | undefined) ?? `evidence/pkg_reality_report.${format}`;
    mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    writeFileSync(output, text);

    if (format === 'json') out(text.trimEnd());
    else {
      for (const line of renderTextSummary(report)) out(line);
      out(`report: ${output}`);
    }
    if (report.problems.length > 0) {
      err(`verify-packages: ${report.problems.length} dependency file problem${report.problems.length === 1 ? '' : 's'}: aos could not read every file, so the check fails`);
      return 2;
    }
    return report.summary.passed ? 0 : 1;
  },
};
