const CODE = /(```[\s\S]*?```|`[^`\n]*`)/;
const MENTION = /(^|[^\w`/])@([A-Za-z0-9][\w-]*(?:\/[\w-]+)?)/g;
const CLOSING_REF = /\b(close[sd]?|fix(?:e[sd])?|resolve[sd]?)(:?\s+)((?:[\w.-]+\/[\w.-]+)?#\d+)/gi;

/** Applies `transform` to the parts of markdown outside code spans and fences; code stays as written. */
export function outsideCode(text: string, transform: (prose: string) => string, inCode: (code: string) => string = (code) => code): string {
  return text
    .split(CODE)
    .map((part, index) => (index % 2 === 1 ? inCode(part) : transform(part)))
    .join('');
}

/**
 * Model- or user-written text made safe to put in a comment aos posts: HTML comments cannot hide
 * text or forge a run marker, `@mentions` do not notify anyone, and closing keywords (`fixes #3`)
 * cannot close other issues when the pull request merges. Code spans and fences are left alone.
 */
export function markdownText(text: string): string {
  return outsideCode(text, (prose) =>
    prose
      .replace(/<!--/g, '&lt;!--')
      .replace(MENTION, (_, before: string, name: string) => `${before}\`@${name}\``)
      .replace(CLOSING_REF, (_, keyword: string, gap: string, ref: string) => `${keyword}${gap}\`${ref}\``),
  );
}
