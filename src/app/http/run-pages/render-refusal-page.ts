import { renderPageShell } from './render-page-shell.ts';
import { html } from './safe-html.ts';

/** A short page for 403, 404 and 500 answers: a title and one sentence, no details of the request. */
export function renderRefusalPage(title: string, message: string): string {
  return renderPageShell({ title: `aos: ${title}`, body: html`<section><h1>${title}</h1><p>${message}</p></section>` });
}
