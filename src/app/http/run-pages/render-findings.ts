import type { Finding } from '../../../agents/agent-schemas.ts';
import { html, type SafeHtml } from './safe-html.ts';

/** A findings table (critic or QA), or a line saying there are none. */
export function renderFindings(findings: readonly Finding[]): SafeHtml {
  if (findings.length === 0) return html`<p class="muted">No findings.</p>`;
  return html`<table><thead><tr><th>severity</th><th>file</th><th class="num">line</th><th>finding</th></tr></thead><tbody>${findings.map(
    (finding) =>
      html`<tr><td>${finding.severity}</td><td><code>${finding.path}</code></td><td class="num">${finding.line || ''}</td><td>${finding.message}</td></tr>`,
  )}</tbody></table>`;
}
