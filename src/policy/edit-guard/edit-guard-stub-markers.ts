// Spelled with character classes so that this file does not itself contain the markers it hunts:
// a repository check greps the sources for them.
const STUB_MARKERS: readonly RegExp[] = [
  /\bT[O]DO\b/,
  /\bF[I]XME\b/,
  /\bX[X]X\b/,
  /\bnot[ \t_-]?implemented/i,
  /\bunimplemented!\s*\(/,
  /\bt[o]do!\s*\(/,
  /\bpass\s*#\s*stub\b/i,
  /^\s*(?:\/\/|#|\/\*+|--)\s*stub\b/i,
];

/**
 * The stub marker a line contains (the marker words for unfinished work, a throw or raise
 * saying the code is missing, in any casing, Rust's `unimplemented!()`, a `pass  # stub` body or a comment that
 * just says stub), as it appears in the line, or null. The code aos writes must be finished.
 */
export function findStubMarker(text: string): string | null {
  for (const marker of STUB_MARKERS) {
    const match = marker.exec(text);
    if (match !== null) return match[0].trim();
  }
  return null;
}
