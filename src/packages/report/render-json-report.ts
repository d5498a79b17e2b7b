import type { ReportContext } from './report-context.ts';

/** Renders the report as JSON (pretty-printed): summary, timing, sources, files, problems, and one entry per dependency. */
export function renderJsonReport(context: ReportContext): string {
  const { report } = context;
  return `${JSON.stringify(
    {
      summary: report.summary,
      timing: report.timing,
      scope: context.scope,
      sources: context.sources,
      files: context.files,
      problems: report.problems,
      results: report.results.map((r) => ({
        name: r.dependency.name,
        ecosystem: r.dependency.ecosystem,
        version: r.dependency.version,
        checkedVersion: r.checkedVersion ?? null,
        source: r.dependency.source,
        resolved: r.dependency.resolved ?? null,
        file: r.dependency.file,
        line: r.dependency.line,
        where: `${r.dependency.file}:${r.dependency.line}`,
        verdict: r.verdict,
        blocking: r.blocking,
        reasons: r.reasons,
        advisories: r.advisories,
      })),
    },
    null,
    2,
  )}\n`;
}
