import type { DailySpend } from '../../../state/budget/read-daily-spend.ts';
import { html, type SafeHtml } from './safe-html.ts';

const WIDTH = 760;
const HEIGHT = 220;
const PAD = { left: 56, right: 12, top: 12, bottom: 28 };

/**
 * An inline SVG of one UTC month: a bar per day's spend and a line of the running total, with
 * the monthly cap as a dashed line when it is within sight of the spend. No script, no fonts.
 */
export function renderSpendChart(options: { days: readonly DailySpend[]; month: Date; monthlyCapEur: number | null }): SafeHtml {
  const year = options.month.getUTCFullYear();
  const month = options.month.getUTCMonth();
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const byDay = new Map(options.days.map((day) => [Number(day.day.slice(8, 10)), day.eur]));
  const daily = Array.from({ length: daysInMonth }, (_, index) => byDay.get(index + 1) ?? 0);
  let running = 0;
  const cumulative = daily.map((eur) => (running += eur));
  const cap = options.monthlyCapEur;
  const spendMax = Math.max(running, ...daily);
  const showCap = cap !== null && cap > 0 && cap <= Math.max(spendMax * 4, 0.000001);
  const yMax = Math.max(spendMax, showCap ? cap : 0) || 1;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / daysInMonth;
  const y = (eur: number) => PAD.top + plotH - (eur / yMax) * plotH;
  const x = (index: number) => PAD.left + index * slot;
  const bars = daily.map((eur, index) => {
    const top = y(eur);
    return html`<rect class="day-bar" x="${(x(index) + slot * 0.15).toFixed(1)}" y="${top.toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${(PAD.top + plotH - top).toFixed(1)}" fill="#54aeff"><title>${`day ${index + 1}: €${eur.toFixed(4)}`}</title></rect>`;
  });
  const points = cumulative.map((eur, index) => `${(x(index) + slot / 2).toFixed(1)},${y(eur).toFixed(1)}`).join(' ');
  const labels = [1, 8, 15, 22, daysInMonth].map(
    (day) =>
      html`<text x="${(x(day - 1) + slot / 2).toFixed(1)}" y="${HEIGHT - 8}" font-size="11" text-anchor="middle" fill="#59636e">${day}</text>`,
  );
  return html`<svg id="spend-chart" role="img" aria-label="Daily spend this month" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" xmlns="http://www.w3.org/2000/svg">
<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${WIDTH - PAD.right}" y2="${PAD.top + plotH}" stroke="#d0d7de"/>
<text x="${PAD.left - 6}" y="${PAD.top + 10}" font-size="11" text-anchor="end" fill="#59636e">€${yMax.toFixed(2)}</text>
<text x="${PAD.left - 6}" y="${PAD.top + plotH}" font-size="11" text-anchor="end" fill="#59636e">€0</text>
${bars}
<polyline points="${points}" fill="none" stroke="#cf222e" stroke-width="2"/>
${showCap ? html`<line x1="${PAD.left}" y1="${y(cap).toFixed(1)}" x2="${WIDTH - PAD.right}" y2="${y(cap).toFixed(1)}" stroke="#9a6700" stroke-dasharray="6 4"/><text x="${WIDTH - PAD.right}" y="${(y(cap) - 4).toFixed(1)}" font-size="11" text-anchor="end" fill="#9a6700">monthly cap</text>` : ''}
${labels}
</svg>`;
}
