import type { DailySpend } from '../../../state/budget/read-daily-spend.ts';
import type { RemainingBudget } from '../../../state/budget/budget-guardian.ts';
import { renderPageShell } from './render-page-shell.ts';
import { renderSpendChart } from './render-spend-chart.ts';
import { html } from './safe-html.ts';

const amount = (row: RemainingBudget, value: number) => (row.unit === 'eur' ? `€${value.toFixed(4)}` : `${Math.round(value)} tokens`);

/** Spend against every cap, and the month's daily spend as a chart. */
export function renderBudgetPage(options: { caps: readonly RemainingBudget[]; days: readonly DailySpend[]; now: Date }): string {
  const month = options.caps.find((row) => row.scope === 'global' && row.period === 'month' && row.unit === 'eur');
  const rows = options.caps.map((row) => {
    const used = row.cap > 0 ? Math.min((row.spent + row.reserved) / row.cap, 1) : 1;
    return html`<tr class="cap-row"><td>${row.scope}</td><td><code>${row.scopeId}</code></td><td>${row.period}</td><td class="num">${amount(row, row.spent)}</td><td class="num">${amount(row, row.reserved)}</td><td class="num">${amount(row, row.cap)}</td><td class="num">${amount(row, row.remaining)}</td><td><svg width="120" height="10" role="img" aria-label="${`${Math.round(used * 100)}% used`}"><rect width="120" height="10" fill="#eaeef2"/><rect width="${(used * 120).toFixed(1)}" height="10" fill="${used >= 0.8 ? '#cf222e' : '#1a7f37'}"/></svg> ${Math.round(used * 100)}%</td><td>${row.resetsAt ? row.resetsAt.toISOString().slice(0, 16).replace('T', ' ') : '—'}</td></tr>`;
  });
  const total = options.days.reduce((sum, day) => sum + day.eur, 0);
  return renderPageShell({
    title: 'aos budget',
    body: html`<section id="caps"><h1>Budget</h1><table><thead><tr><th>scope</th><th>id</th><th>period</th><th class="num">spent</th><th class="num">reserved</th><th class="num">cap</th><th class="num">remaining</th><th>used</th><th>resets (UTC)</th></tr></thead><tbody>${rows}</tbody></table></section>
<section id="daily"><h2>Daily spend, ${options.now.toISOString().slice(0, 7)} (UTC)</h2><p>€${total.toFixed(4)} this month.</p>${renderSpendChart({ days: options.days, month: options.now, monthlyCapEur: month?.cap ?? null })}</section>`,
  });
}
