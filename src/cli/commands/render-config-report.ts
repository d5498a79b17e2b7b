import type { ConfigSetting } from '../../config/index.ts';
import type { RouteCandidate, SkippedProvider } from '../../llm/decide-route.ts';

/** What `aos config check` found; also its `--json` output. */
export interface ConfigReport {
  config_dir: string;
  valid: boolean;
  /** One line each: file, line, path, problem. */
  problems: string[];
  warnings: string[];
  settings: ConfigSetting[];
  residency: Array<{
    vendor: string;
    endpoint_host: string;
    endpoint_env: string | null;
    declared_region: string;
    decision: 'allowed' | 'blocked' | 'non_compliant_allowed';
    reason: string;
  }>;
  /** The one line about regions declared on global hosts, if any. */
  residency_note: string | null;
  /** Per task type: its output cap, the providers in the order considered, who is tried and who is not (and why). */
  routing: Record<
    string,
    { max_tokens: number | null; order: string[]; candidates: RouteCandidate[]; skipped: Array<SkippedProvider & { model: string | null }> }
  >;
}

/** A value as one short piece of text: strings bare, lists in brackets, unset as `unset`. */
function show(value: unknown): string {
  if (value === undefined || value === null) return 'unset';
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (typeof value === 'object') return Object.keys(value).length === 0 ? '{}' : JSON.stringify(value);
  return String(value);
}

/** Settings grouped by file, value column aligned, paths of the configuration folder shortened. */
function settingLines(settings: readonly ConfigSetting[], relative: (text: string) => string): string[] {
  const lines: string[] = [];
  const files = [...new Set(settings.map((setting) => setting.file))];
  for (const file of files) {
    const rows = settings
      .filter((setting) => setting.file === file)
      .map((setting) => [`${setting.path} = ${show(setting.value)}`, relative(setting.origin)] as const);
    const width = Math.min(Math.max(...rows.map(([left]) => left.length)), 80);
    lines.push(`  ${relative(file)}`, ...rows.map(([left, origin]) => `    ${left.padEnd(width)}  ${origin}`));
  }
  return lines;
}

/** The text form of the report, one line per entry. */
export function renderConfigReport(report: ConfigReport): string[] {
  const prefix = `${report.config_dir.replace(/\/+$/, '')}/`;
  const relative = (text: string) => text.split(prefix).join('');
  const lines = [`configuration folder: ${report.config_dir}`];
  if (!report.valid) {
    lines.push('', 'invalid:', ...report.problems.map((problem) => `  ${relative(problem)}`));
    if (report.warnings.length > 0) lines.push('warnings:', ...report.warnings.map((warning) => `  ${relative(warning)}`));
    return lines;
  }
  lines.push('', 'settings:', ...settingLines(report.settings, relative));
  lines.push(
    '',
    report.warnings.length === 0 ? 'warnings: none' : 'warnings:',
    ...report.warnings.map((warning) => `  ${relative(warning)}`),
  );
  const widths = [0, 1, 2].map((column) =>
    Math.max(...report.residency.map((row) => [row.vendor, row.endpoint_host, row.decision][column]!.length)),
  );
  lines.push(
    '',
    'residency:',
    ...report.residency.map(
      (row) =>
        `  ${row.vendor.padEnd(widths[0]!)}  ${row.endpoint_host.padEnd(widths[1]!)}  ${row.decision.padEnd(widths[2]!)}  ${row.reason}`,
    ),
  );
  if (report.residency_note) lines.push(`  ${report.residency_note}`);
  lines.push('', 'routing (in this order; the rest are not tried):');
  for (const [task, route] of Object.entries(report.routing)) {
    const tried =
      route.candidates.map((candidate) => `${candidate.provider} (${candidate.model})`).join(' → ') ||
      'nothing: every call of this task is refused';
    lines.push(`  ${task}${route.max_tokens === null ? '' : ` (max_tokens ${route.max_tokens})`}: ${tried}`);
    for (const skip of route.skipped)
      lines.push(`    not ${skip.provider}${skip.model === null ? '' : ` (${skip.model})`}: ${skip.cause}: ${skip.reason}`);
  }
  const blocked = report.residency.filter((row) => row.decision !== 'allowed').length;
  const summary =
    report.warnings.length === 0 && blocked === 0
      ? 'valid: no warnings, every vendor EU-compliant'
      : `valid, with ${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'} and ${blocked} vendor${blocked === 1 ? '' : 's'} that ${blocked === 1 ? 'is' : 'are'} not EU-compliant`;
  lines.push('', summary);
  return lines;
}
