/** The subcommands aos understands, in the order the help text lists them. */
export const COMMAND_NAMES = ['plan', 'revise', 'status', 'cancel', 'budget', 'help'] as const;

/** One subcommand of `/aos`. */
export type CommandName = (typeof COMMAND_NAMES)[number];

/** What a comment asks of aos: nothing, a known command, or an `/aos` line with an unknown word. */
export type ParsedCommand =
  | { kind: 'none' }
  | {
      kind: 'command';
      /** The subcommand, lower-cased. */
      name: CommandName;
      /** `--dry-run` was on the first line of a `plan` (stop after the plan); always false otherwise. */
      dryRun: boolean;
      /** Free-form text after the subcommand, trimmed, at most MAX_INSTRUCTIONS_CHARS long. */
      instructions: string;
    }
  | {
      kind: 'unknown';
      /** The word after `/aos` as written, cut to MAX_UNKNOWN_WORD_CHARS; the caller replies with help. */
      word: string;
    };

/** Longest instructions passed on to the agents; the rest of a longer comment is dropped. */
export const MAX_INSTRUCTIONS_CHARS = 8000;

/** An unknown word is echoed back in the reply, so it is kept short. */
const MAX_UNKNOWN_WORD_CHARS = 32;
const PREFIX = '/aos';
const DRY_RUN = '--dry-run';
const NONE: ParsedCommand = Object.freeze({ kind: 'none' });

/** Whitespace as `String.prototype.trim` sees it (spaces, tabs, CR, NBSP, BOM). */
function isWhitespace(char: string | undefined): boolean {
  return char !== undefined && char.trim() === '';
}

/** Drops `--dry-run` tokens (any case) from the rest of the first line and says whether there was one. */
function takeDryRun(tail: string): { dryRun: boolean; tail: string } {
  const parts = tail.split(/(\s+)/);
  const kept = parts.filter((part) => part.toLowerCase() !== DRY_RUN);
  return { dryRun: kept.length !== parts.length, tail: kept.join('') };
}

/** CRLF and lone CR become LF; trimmed; capped without splitting a surrogate pair. */
function normalizeInstructions(text: string): string {
  const trimmed = text.replace(/\r\n?/g, '\n').trim();
  if (trimmed.length <= MAX_INSTRUCTIONS_CHARS) return trimmed;
  const lastCode = trimmed.charCodeAt(MAX_INSTRUCTIONS_CHARS - 1);
  const end = lastCode >= 0xd800 && lastCode <= 0xdbff ? MAX_INSTRUCTIONS_CHARS - 1 : MAX_INSTRUCTIONS_CHARS;
  return trimmed.slice(0, end).trimEnd();
}

/**
 * Reads an issue or pull-request comment. It is a command only when its first line starts with
 * `/aos` (any case, leading whitespace allowed) followed by whitespace or the end of the line, so
 * `/aosx`, `> /aos plan` (a quote) and `/aos` inside a code block are not commands. `/aos` alone
 * is `help`. The rest of the first line and all following lines are the instructions; `--dry-run`
 * counts only on the first line of a `plan`, and is removed from its instructions. Every step is a
 * slice, trim or anchored scan, so a huge body costs linear time.
 */
export function parseCommand(body: string | null | undefined): ParsedCommand {
  if (typeof body !== 'string' || body === '') return NONE;
  const newline = body.indexOf('\n');
  const firstLine = (newline === -1 ? body : body.slice(0, newline)).trimStart();
  const following = newline === -1 ? '' : body.slice(newline + 1);
  if (firstLine.slice(0, PREFIX.length).toLowerCase() !== PREFIX) return NONE;
  const afterPrefix = firstLine.slice(PREFIX.length);
  if (afterPrefix !== '' && !isWhitespace(afterPrefix[0])) return NONE;

  const args = afterPrefix.trimStart();
  const word = /^\S*/.exec(args)?.[0] ?? '';
  const name = word === '' ? 'help' : COMMAND_NAMES.find((known) => known === word.toLowerCase());
  if (name === undefined) return { kind: 'unknown', word: word.slice(0, MAX_UNKNOWN_WORD_CHARS) };

  const rawTail = args.slice(word.length);
  const { dryRun, tail } = name === 'plan' ? takeDryRun(rawTail) : { dryRun: false, tail: rawTail };
  return { kind: 'command', name, dryRun, instructions: normalizeInstructions(`${tail}\n${following}`) };
}
