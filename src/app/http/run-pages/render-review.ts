import type { RunView } from './run-view.ts';
import { renderFindings } from './render-findings.ts';
import { html, type SafeHtml } from './safe-html.ts';

const list = (items: readonly string[]) =>
  items.length === 0 ? html`<p class="muted">None.</p>` : html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>`;

/** The plan, the critic's review(s), the QA checks and the approver's verdict with its reasons. */
export function renderReview(view: RunView): SafeHtml {
  const { plan, critic, criticHistory, qa, approval, failure, editFailures } = view;
  const planSection = plan
    ? html`<section id="plan"><h2>Plan</h2><p>${plan.summary}</p><h3>Steps</h3><ol>${plan.steps.map((step) => html`<li>${step}</li>`)}</ol>
<h3>Files to change</h3>${list(plan.files_to_change)}<h3>Acceptance criteria</h3>${list(plan.acceptance_criteria)}<h3>Risks</h3>${list(plan.risks)}</section>`
    : html`<section id="plan"><h2>Plan</h2><p class="muted">No plan recorded.</p></section>`;
  const earlier = criticHistory.slice(0, -1);
  const criticSection = html`<section id="critic"><h2>Critic</h2>${
    critic
      ? html`<p><span class="badge ${critic.verdict === 'pass' ? 'ok' : 'warn'}">${critic.verdict}</span> ${critic.summary}</p>${renderFindings(critic.findings)}`
      : html`<p class="muted">No review recorded.</p>`
  }${earlier.length > 0 ? html`<h3>Earlier passes</h3>${earlier.map((review, index) => html`<p>Pass ${index + 1}: <span class="badge warn">${review.verdict}</span> ${review.summary}</p>${renderFindings(review.findings)}`)}` : ''}</section>`;
  const qaSection = html`<section id="qa"><h2>QA</h2>${
    qa
      ? html`<table><thead><tr><th>check</th><th>result</th><th>evidence</th></tr></thead><tbody>${qa.checks.map(
          (check) =>
            html`<tr><td>${check.name}</td><td><span class="badge ${check.passed ? 'ok' : 'bad'}">${check.passed ? 'passed' : 'failed'}</span></td><td><pre>${check.evidence}</pre></td></tr>`,
        )}</tbody></table><h3>Findings</h3>${renderFindings(qa.findings)}`
      : html`<p class="muted">QA did not run.</p>`
  }</section>`;
  const approvalSection = html`<section id="approval"><h2>Approver</h2>${
    approval
      ? html`<p><span class="badge ${approval.verdict === 'ready' ? 'ok' : 'warn'}">${approval.verdict}</span></p>${list(approval.reasons)}`
      : html`<p class="muted">No verdict yet.</p>`
  }${failure ? html`<p><span class="badge bad">${failure.code}</span> ${failure.message}</p>` : ''}${
    editFailures.length > 0
      ? html`<h3>Blocked edits</h3><ul>${editFailures.map((edit) => html`<li><code>${edit.path}</code>: ${edit.reason}${edit.rule ? html` (${edit.rule})` : ''}</li>`)}</ul>`
      : ''
  }</section>`;
  return html`${planSection}${criticSection}${qaSection}${approvalSection}`;
}
