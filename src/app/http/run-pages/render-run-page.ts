import { formatMicroEur } from './format-values.ts';
import { renderChanges } from './render-changes.ts';
import { renderLedger } from './render-ledger.ts';
import { renderPageShell } from './render-page-shell.ts';
import { renderResidency } from './render-residency.ts';
import { renderReview } from './render-review.ts';
import { renderTimeline } from './render-timeline.ts';
import type { RunView } from './run-view.ts';
import { html } from './safe-html.ts';
import type { GithubRequestsRow } from './github-requests-of.ts';

const STATUS_BADGE: Record<string, string> = { completed: 'ok', failed: 'bad', cancelled: 'warn', running: 'warn', queued: 'warn' };

/** "23 (git 9, issues 6, …)", kinds by count. */
function githubRequestsText(requests: GithubRequestsRow): string {
  const kinds = Object.entries(requests.byKind).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  return `${requests.total}${kinds.length > 0 ? ` (${kinds.map(([kind, count]) => `${kind} ${count}`).join(', ')})` : ''}`;
}

/**
 * The HTML page of one run. `jsonHref` is a signed link to the same run as JSON, expiring with the
 * link this page was opened through.
 */
export function renderRunPage(view: RunView, options: { jsonHref: string }): string {
  const { run, links } = view;
  const where = run.owner && run.repo ? `${run.owner}/${run.repo}` : (run.repo ?? 'local checkout');
  const header = html`<section id="summary"><h1>Run <code>${run.id}</code></h1>
<p><span class="badge ${STATUS_BADGE[run.status] ?? 'warn'}">${run.status}</span>${run.verdict ? html` <span class="badge ${run.verdict === 'ready' ? 'ok' : 'warn'}">${run.verdict}</span>` : ''}${run.dryRun ? html` <span class="badge warn">dry run</span>` : ''}</p>
<dl>
<dt>repository</dt><dd>${where}</dd>
<dt>issue</dt><dd>${links.issue ? html`<a href="${links.issue}" rel="noreferrer">#${run.issueNumber}</a>` : '—'}</dd>
<dt>pull request</dt><dd>${links.pullRequest ? html`<a href="${links.pullRequest}" rel="noreferrer">#${run.prNumber}</a>` : '—'}</dd>
<dt>branch</dt><dd>${run.branch ? html`<code>${run.branch}</code>` : '—'}</dd>
<dt>started by</dt><dd>${run.requestedBy ?? '—'}</dd>
<dt>kind</dt><dd>${run.kind}</dd>
<dt>created</dt><dd>${run.createdAt}</dd>
<dt>finished</dt><dd>${run.finishedAt ?? '—'}</dd>
<dt>model cost</dt><dd id="total-cost">${formatMicroEur(view.timeline.total.costMicroEur)}</dd>
<dt>GitHub requests</dt><dd id="github-requests">${view.githubRequests ? githubRequestsText(view.githubRequests) : '—'}</dd>
<dt>data</dt><dd><a href="${options.jsonHref}">JSON</a></dd>
</dl>${run.error ? html`<p><span class="badge bad">error</span> ${run.error}</p>` : ''}${view.checkpointNote ? html`<p class="muted">${view.checkpointNote}</p>` : ''}</section>`;
  return renderPageShell({
    title: `aos run ${run.id}`,
    body: html`${header}${renderTimeline(view.timeline)}${renderReview(view)}${renderChanges(view.changes, view.diff)}${renderResidency(view.residency)}${renderLedger(view.ledger)}`,
  });
}
