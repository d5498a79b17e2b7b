import type { RunRecord } from '../../../state/run-store.ts';
import type { SystemStatus } from '../../../state/status/system-status.ts';
import { renderPageShell } from './render-page-shell.ts';
import { renderStatusSection } from './render-status-section.ts';
import { html } from './safe-html.ts';

/** The list of recent runs, and the operator status when given; `hrefOf` gives each run's signed page link. */
export function renderRunList(
  runs: readonly RunRecord[],
  options: { hrefOf: (runId: string) => string; budgetHref: string; status?: SystemStatus | undefined },
): string {
  const rows = runs.map(
    (run) =>
      html`<tr><td><a href="${options.hrefOf(run.id)}"><code>${run.id}</code></a></td><td>${run.createdAt.slice(0, 19).replace('T', ' ')}</td><td>${run.kind}</td><td>${run.status}</td><td>${run.verdict ?? '—'}</td><td>${run.owner ? `${run.owner}/${run.repo ?? ''}${run.issueNumber === null ? '' : `#${run.issueNumber}`}` : (run.repo ?? '')}</td><td class="num">€${run.costEur.toFixed(4)}</td></tr>`,
  );
  return renderPageShell({
    title: 'aos runs',
    body: html`<section><h1>Runs</h1><p><a href="${options.budgetHref}">Budget</a></p>${
      runs.length === 0
        ? html`<p class="muted">No runs recorded yet.</p>`
        : html`<table><thead><tr><th>run</th><th>created (UTC)</th><th>kind</th><th>status</th><th>verdict</th><th>where</th><th class="num">cost</th></tr></thead><tbody>${rows}</tbody></table>`
    }</section>${options.status ? renderStatusSection(options.status) : ''}`,
  });
}
