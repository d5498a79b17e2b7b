import { describe, expect, it } from 'vitest';
import { escapeHtml } from '#src/app/http/run-pages/escape-html.ts';
import { formatMicroEur } from '#src/app/http/run-pages/format-values.ts';
import { html } from '#src/app/http/run-pages/safe-html.ts';
import { timelineOf } from '#src/app/http/run-pages/timeline-of.ts';

describe('escapeHtml and the html tag', () => {
  it('escapes the five characters that matter in text and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(12.5)).toBe('12.5');
  });

  it('escapes every interpolated value, keeps nested templates and joins arrays', () => {
    const hostile = '"><script>alert(1)</script>';
    const inner = html`<b>${hostile}</b>`;
    const page = html`<p title="${hostile}">${inner}${[hostile, html`<i>ok</i>`]}${null}${false}</p>`.text;
    expect(page).not.toContain('<script>');
    expect(page).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"><b>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</b>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;<i>ok</i></p>',
    );
  });
});

describe('timelineOf', () => {
  it('has one row per node.completed and a total that is the sum of the rounded rows', () => {
    const costs = [0.0000004, 0.0000004, 0.0000004, 0.1234565];
    const timeline = timelineOf([
      { type: 'run.started', payload: {} },
      ...costs.map((cost_eur, index) => ({
        type: 'node.completed',
        payload: { node: `n${index}`, step: index + 1, cost_eur, duration_ms: 10, input_tokens: 5, output_tokens: 1, model_calls: 1 },
      })),
      { type: 'model.call', payload: { cost_eur: 9 } },
    ]);
    expect(timeline.rows.map((row) => row.node)).toEqual(['n0', 'n1', 'n2', 'n3']);
    expect(timeline.rows.map((row) => row.costMicroEur)).toEqual([0, 0, 0, 123457]);
    expect(timeline.total).toEqual({ durationMs: 40, inputTokens: 20, outputTokens: 4, modelCalls: 4, costMicroEur: 123457 });
  });
});

describe('formatMicroEur', () => {
  it('shows whole micro-euros exactly', () => {
    expect(formatMicroEur(0)).toBe('€0.000000');
    expect(formatMicroEur(123457)).toBe('€0.123457');
    expect(formatMicroEur(12_000_001)).toBe('€12.000001');
  });
});
