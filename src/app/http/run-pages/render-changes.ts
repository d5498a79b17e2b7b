import type { RunView } from './run-view.ts';
import { html, type SafeHtml } from './safe-html.ts';

// A page must stay readable: very long files are cut, and the JSON view has them whole.
const MAX_LINES = 400;

/**
 * The run's change: the unified diff against the base when the run recorded one, then each changed
 * file's new content with line numbers (or its deletion).
 */
export function renderChanges(changes: RunView['changes'], diff = ''): SafeHtml {
  if (changes.length === 0) return html`<section id="changes"><h2>Changes</h2><p class="muted">No file changed.</p></section>`;
  const diffLines = diff.replace(/\n$/, '').split('\n');
  const diffBlock =
    diff === ''
      ? html``
      : html`<h3>Diff</h3><pre class="file diff">${diffLines.slice(0, MAX_LINES).join('\n')}${diffLines.length > MAX_LINES ? `\n… ${diffLines.length - MAX_LINES} more lines` : ''}</pre>`;
  return html`<section id="changes"><h2>Changes</h2>${diffBlock}<p class="muted">New content of each changed file.</p>${changes.map(
    (change) => {
      if (change.content === null) return html`<h3><code>${change.path}</code> <span class="badge bad">deleted</span></h3>`;
      const lines = change.content.replace(/\n$/, '').split('\n');
      const shown = lines
        .slice(0, MAX_LINES)
        .map((line, index) => `${String(index + 1).padStart(4)}  ${line}`)
        .join('\n');
      return html`<h3><code>${change.path}</code> <span class="muted">${lines.length} line${lines.length === 1 ? '' : 's'}</span></h3><pre class="file">${shown}${lines.length > MAX_LINES ? `\n… ${lines.length - MAX_LINES} more lines` : ''}</pre>`;
    },
  )}</section>`;
}
