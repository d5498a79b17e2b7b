/** An option of a requirements-file line, by its long name (`requirement`, `config-settings`). */
export interface PipOption {
  name: string;
  value: string | null;
}

interface OptionSpec {
  long: readonly string[];
  short?: string;
  takesValue: boolean;
}

/** Every option pip's requirements-file parser knows (pip's `req_file.py`), with its spellings. */
const CURRENT: readonly OptionSpec[] = [
  { long: ['index-url', 'pypi-url'], short: 'i', takesValue: true },
  { long: ['extra-index-url'], takesValue: true },
  { long: ['no-index'], takesValue: false },
  { long: ['constraint'], short: 'c', takesValue: true },
  { long: ['requirement'], short: 'r', takesValue: true },
  { long: ['editable'], short: 'e', takesValue: true },
  { long: ['find-links'], short: 'f', takesValue: true },
  { long: ['no-binary'], takesValue: true },
  { long: ['only-binary'], takesValue: true },
  { long: ['prefer-binary'], takesValue: false },
  { long: ['require-hashes'], takesValue: false },
  { long: ['pre'], takesValue: false },
  { long: ['trusted-host'], takesValue: true },
  { long: ['use-feature'], takesValue: true },
  { long: ['global-option'], takesValue: true },
  { long: ['hash'], takesValue: true },
  { long: ['config-settings'], short: 'C', takesValue: true },
];

/** Options older pips accepted and old files still carry; they declare no dependency either. */
const LEGACY: readonly OptionSpec[] = [
  { long: ['always-unzip'], short: 'Z', takesValue: false },
  { long: ['install-option'], takesValue: true },
];

/** The option a long spelling names: exact, else an unambiguous prefix as optparse allows (`--extra-index`). */
function findLong(word: string): OptionSpec | { error: string } {
  const all = [...CURRENT, ...LEGACY];
  const exact = all.find((spec) => spec.long.includes(word));
  if (exact) return exact;
  for (const group of [CURRENT, LEGACY]) {
    const matches = group.flatMap((spec) => spec.long.filter((long) => long.startsWith(word)).map((long) => ({ spec, long })));
    if (matches.length === 1 && matches[0]) return matches[0].spec;
    if (matches.length > 1) return { error: `option "--${word}" is ambiguous: ${matches.map((m) => `--${m.long}`).join(', ')}` };
  }
  return { error: `unknown option "--${word}"` };
}

/** Splits option text as Python's `shlex.split` does: quotes and backslashes, no comments. */
function splitShell(text: string): string[] | { error: string } {
  const tokens: string[] = [];
  let current: string | null = null;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    if (/\s/.test(char)) {
      if (current !== null) tokens.push(current);
      current = null;
    } else if (char === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return { error: 'no closing quotation' };
      current = (current ?? '') + text.slice(i + 1, close);
      i = close;
    } else if (char === '"') {
      // Inside double quotes a backslash escapes only a double quote or a backslash.
      let body = '';
      let end = i + 1;
      for (; end < text.length && text[end] !== '"'; end += 1) {
        const next = text[end + 1];
        if (text[end] === '\\' && (next === '"' || next === '\\')) end += 1;
        body += text[end] ?? '';
      }
      if (end >= text.length) return { error: 'no closing quotation' };
      current = (current ?? '') + body;
      i = end;
    } else if (char === '\\') {
      if (i + 1 >= text.length) return { error: 'no escaped character' };
      current = (current ?? '') + (text[i + 1] ?? '');
      i += 1;
    } else {
      current = (current ?? '') + char;
    }
  }
  if (current !== null) tokens.push(current);
  return tokens;
}

/**
 * Reads the options part of a requirements-file line the way pip does (shlex, then optparse):
 * `-r file`, `-rfile`, `--requirement=file`, `--requirement file`, abbreviated long options,
 * grouped short flags. Words that are not options are ignored, as pip ignores them. An unknown
 * option, a missing value or unsplittable text is an error, as it is for pip.
 */
export function readPipOptions(text: string): PipOption[] | { error: string } {
  const tokens = splitShell(text);
  if (!Array.isArray(tokens)) return { error: `cannot split the options ${JSON.stringify(text)}: ${tokens.error}` };
  const options: PipOption[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] ?? '';
    if (token === '--') break;
    if (token.startsWith('--')) {
      const [word = '', ...rest] = token.slice(2).split('=');
      const inline = rest.length > 0 ? rest.join('=') : null;
      const spec = findLong(word);
      if ('error' in spec) return spec;
      const name = spec.long[0] ?? word;
      if (!spec.takesValue) {
        if (inline !== null) return { error: `option --${name} takes no value` };
        options.push({ name, value: null });
        continue;
      }
      const value = inline ?? tokens[(i += 1)];
      if (value === undefined) return { error: `option --${name} needs a value` };
      options.push({ name, value });
    } else if (token.startsWith('-') && token.length > 1) {
      for (let j = 1; j < token.length; j += 1) {
        const letter = token[j] ?? '';
        const spec = [...CURRENT, ...LEGACY].find((candidate) => candidate.short === letter);
        if (spec === undefined) return { error: `unknown option "-${letter}"` };
        const name = spec.long[0] ?? letter;
        if (!spec.takesValue) {
          options.push({ name, value: null });
          continue;
        }
        const value = j + 1 < token.length ? token.slice(j + 1) : tokens[(i += 1)];
        if (value === undefined) return { error: `option -${letter} needs a value` };
        options.push({ name, value });
        break;
      }
    }
  }
  return options;
}
