import { renderUntrustedText } from './render-untrusted-text.ts';

/**
 * The message of the commit a `/aos plan` run makes: `aos: <issue title>`, then aos's own
 * `Fixes #<issue>` and the run id. The title is the issue author's text and goes through
 * `renderUntrustedText`, so a title such as `Fixes #1 for @org/team` closes no other issue
 * when the commit lands and pings nobody; only aos's line closes the run's own issue.
 */
export function renderCommitMessage(input: { title: string; issueNumber: number; runId: string }): string {
  return `aos: ${renderUntrustedText(input.title.replace(/\r?\n/g, ' '))}\n\nFixes #${input.issueNumber}\n\nRun ${input.runId}`;
}
