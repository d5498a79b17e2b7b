import type { RunView } from './run-view.ts';
import { html, type SafeHtml } from './safe-html.ts';

/** Residency decisions recorded with each model call or refusal, one row per provider considered. */
export function renderResidency(rows: RunView['residency']): SafeHtml {
  if (rows.length === 0) return html`<section id="residency"><h2>Residency</h2><p class="muted">No model call recorded.</p></section>`;
  return html`<section id="residency"><h2>Residency</h2><table><thead><tr><th class="num">event</th><th>task</th><th>call</th><th>provider</th><th>decision</th><th>endpoint host</th><th>reason</th></tr></thead><tbody>${rows.map(
    (row) =>
      html`<tr><td class="num">${row.seq}</td><td>${row.task}</td><td>${row.event === 'call' ? row.used : html`<span class="badge bad">refused</span>`}</td><td>${row.provider}</td><td><span class="badge ${row.allow ? 'ok' : 'bad'}">${row.allow ? 'allowed' : 'denied'}</span></td><td><code>${row.host}</code></td><td>${row.reason}</td></tr>`,
  )}</tbody></table></section>`;
}
