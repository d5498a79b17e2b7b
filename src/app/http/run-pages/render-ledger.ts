import type { RunView } from './run-view.ts';
import { html, type SafeHtml } from './safe-html.ts';

/** The run's ledger events with their hashes, under a verified or broken badge. */
export function renderLedger(ledger: RunView['ledger']): SafeHtml {
  const badge = ledger.verified
    ? html`<span class="badge ok" id="ledger-badge">verified</span>`
    : html`<span class="badge bad" id="ledger-badge">broken</span>`;
  return html`<section id="ledger"><h2>Ledger ${badge}</h2>${ledger.problems.length > 0 ? html`<ul>${ledger.problems.map((problem) => html`<li>${problem}</li>`)}</ul>` : ''}
<table><thead><tr><th class="num">seq</th><th>event</th><th>time (UTC)</th><th>hash / previous hash</th></tr></thead><tbody>${ledger.events.map(
    (event) =>
      html`<tr><td class="num">${event.seq}</td><td>${event.type}</td><td>${event.createdAt.replace('T', ' ').replace('Z', '')}</td><td><code class="hash">${event.hash}</code><br><code class="hash muted">${event.prevHash}</code></td></tr>`,
  )}</tbody></table></section>`;
}
