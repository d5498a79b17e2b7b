const NOTE = '\n\n… (truncated)';

/**
 * Cuts text to at most `max` UTF-16 code units (what GitHub counts for bodies and check output),
 * saying so at the end. A surrogate pair is never split.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= NOTE.length) return text.slice(0, max);
  let cut = max - NOTE.length;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}${NOTE}`;
}
