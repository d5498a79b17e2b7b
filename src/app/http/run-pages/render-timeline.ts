import { formatDuration, formatMicroEur } from './format-values.ts';
import type { RunView } from './run-view.ts';
import { html, type SafeHtml } from './safe-html.ts';

/** The timeline table: one row per graph node execution, and a total row that is their sum. */
export function renderTimeline(timeline: RunView['timeline']): SafeHtml {
  const { rows, total } = timeline;
  if (rows.length === 0) return html`<section id="timeline"><h2>Timeline</h2><p class="muted">No node has finished yet.</p></section>`;
  return html`<section id="timeline"><h2>Timeline</h2>
<table>
<thead><tr><th class="num">step</th><th>node</th><th class="num">duration</th><th class="num">model calls</th><th class="num">input tokens</th><th class="num">output tokens</th><th class="num">cost</th><th>next</th></tr></thead>
<tbody>${rows.map(
    (row) =>
      html`<tr class="node-row" data-node="${row.node}" data-cost-micro-eur="${row.costMicroEur}"><td class="num">${row.step}</td><td>${row.node}</td><td class="num">${formatDuration(row.durationMs)}</td><td class="num">${row.modelCalls}</td><td class="num">${row.inputTokens}</td><td class="num">${row.outputTokens}</td><td class="num cost">${formatMicroEur(row.costMicroEur)}</td><td>${row.next ?? ''}</td></tr>`,
  )}</tbody>
<tfoot><tr class="total-row" data-cost-micro-eur="${total.costMicroEur}"><td></td><td>total</td><td class="num">${formatDuration(total.durationMs)}</td><td class="num">${total.modelCalls}</td><td class="num">${total.inputTokens}</td><td class="num">${total.outputTokens}</td><td class="num cost">${formatMicroEur(total.costMicroEur)}</td><td></td></tr></tfoot>
</table></section>`;
}
