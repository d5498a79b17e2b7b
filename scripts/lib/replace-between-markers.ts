/** The document with everything between `start` and `end` replaced by `content`, or null when a marker is missing. */
export function replaceBetweenMarkers(document: string, start: string, end: string, content: string): string | null {
  const from = document.indexOf(start);
  const to = document.indexOf(end, from + start.length);
  if (from < 0 || to < 0) return null;
  return `${document.slice(0, from + start.length)}\n${content}\n${document.slice(to)}`;
}
