/**
 * Reduces a word to a crude stem so `retries`, `retrying` and `retry` (or `parse`, `parsed`, `parsing`) meet: a few English
 * suffixes only, because the point is matching task words to code words, not linguistics.
 */
export function stemTerm(word: string): string {
  let stem = word;
  if (stem.length > 4 && stem.endsWith('ies')) stem = `${stem.slice(0, -3)}y`;
  else if (stem.length > 5 && stem.endsWith('ing')) stem = stem.slice(0, -3);
  else if (stem.length > 4 && stem.endsWith('ed')) stem = stem.slice(0, -2);
  else if (stem.length > 3 && stem.endsWith('s') && !stem.endsWith('ss')) stem = stem.slice(0, -1);
  // `parse`, `parsed`, `parsing` all end up `pars`.
  return stem.length > 3 && stem.endsWith('e') ? stem.slice(0, -1) : stem;
}

/** The raw identifier-ish words of a text: letters, digits, `_` and `$`. */
export function rawWords(text: string): string[] {
  return text.match(/[A-Za-z0-9_$]+/g) ?? [];
}

/**
 * Splits text into lowercase, stemmed terms: words are cut at non-alphanumerics (so snake_case,
 * kebab-case, dots and slashes separate) and at camelCase humps (`parseHTTPResponse` → parse, http,
 * response). Terms of one or two characters are dropped; stop words are the caller's business.
 */
export function splitTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of text.split(/[^A-Za-z0-9]+/)) {
    const parts = word
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .split(' ');
    for (const part of parts) {
      if (part.length > 2 && !/^\d+$/.test(part)) terms.push(stemTerm(part.toLowerCase()));
    }
  }
  return terms;
}
