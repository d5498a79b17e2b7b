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
import type { CliInvocation } from '../cli-command.ts';
import { UsageError } from '../usage-error.ts';
import { stringOption } from './cli-options.ts';

const FORMATS = ['md', 'json'] as const;

const readDisk = async (file: string) => (existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : null);
const posixPath = (file: string) => path.relative(process.cwd(), path.resolve(file)).split(path.sep).join('/');

/** Dependencies of `head` that are new against `base`, file by file; a file absent at base counts whole. */
function changedDependencies(head: CollectedFile[], base: CollectedFile[]): Dependency[] {
  const before = new Map(base.map((file) => [file.path, file.result.dependencies]));
  return head.flatMap((file) => diffDependencies(before.get(file.path) ?? null, file.result.dependencies));
}

/** `aos verify-packages`: verifies local dependency files against their registries and OSV; writes a report only to `--report`. */
export async function verifyLocalPackages({ positionals, values, out, err }: CliInvocation): Promise<number> {
  const format = stringOption(values, 'format') ?? 'md';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be md or json, not "${format}"`);
  const base = stringOption(values, 'base');
  const reportPath = stringOption(values, 'report');
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

  const context = {
    report,
    sources,
    files: head.files.map((file) => file.path),
    scope: base === undefined ? 'full scan' : `changes since ${base}`,
  };
  const text = format === 'json' ? renderJsonReport(context) : renderMarkdownReport(context);
  if (reportPath !== undefined) {
    mkdirSync(path.dirname(path.resolve(reportPath)), { recursive: true });
    writeFileSync(reportPath, text);
  }

  if (format === 'json') out(text.trimEnd());
  else {
    for (const line of renderTextSummary(report)) out(line);
    if (reportPath !== undefined) out(`report: ${reportPath}`);
  }
  if (report.problems.length > 0) {
    err(
      `verify-packages: ${report.problems.length} dependency file problem${report.problems.length === 1 ? '' : 's'}: aos could not read every file, so the check fails`,
    );
    return 2;
  }
  return report.summary.passed ? 0 : 1;
}
