import { describe, expect, it } from 'vitest';
import { MAX_INSTRUCTIONS_CHARS, parseCommand, type ParsedCommand } from '#src/app/commands/parse-command.ts';

const cmd = (name: string, instructions = '', dryRun = false): ParsedCommand =>
  ({ kind: 'command', name, dryRun, instructions }) as ParsedCommand;
const none: ParsedCommand = { kind: 'none' };

const cases: [string, string | null | undefined, ParsedCommand][] = [
  ['null body', null, none],
  ['undefined body', undefined, none],
  ['empty body', '', none],
  ['plain comment', 'looks good to me', none],
  ['/aos alone is help', '/aos', cmd('help')],
  ['/aos with trailing spaces is help', '/aos   ', cmd('help')],
  ['/AOS upper case alone', '/AOS', cmd('help')],
  ['plan', '/aos plan', cmd('plan')],
  ['mixed case with instructions', '/AOS Plan please fix', cmd('plan', 'please fix')],
  ['leading spaces', '   /aos status', cmd('status')],
  ['leading tab and newline-free', '\t/aos budget', cmd('budget')],
  ['revise with instructions', '/aos revise use a Map instead', cmd('revise', 'use a Map instead')],
  ['cancel', '/aos cancel', cmd('cancel')],
  ['help explicit', '/aos help', cmd('help')],
  ['multi-line instructions', '/aos plan first line\nsecond line\n\nthird', cmd('plan', 'first line\nsecond line\n\nthird')],
  ['instructions only on following lines', '/aos plan\n  keep the API stable  \n', cmd('plan', 'keep the API stable')],
  ['CRLF', '/aos plan fix it\r\nand test it\r\n', cmd('plan', 'fix it\nand test it')],
  ['CRLF after bare /aos', '/aos\r\nsomething', cmd('help', 'something')],
  ['--dry-run before instructions', '/aos plan --dry-run fix the bug', cmd('plan', 'fix the bug', true)],
  ['--dry-run after instructions', '/aos plan fix the bug --dry-run', cmd('plan', 'fix the bug', true)],
  ['--DRY-RUN any case', '/aos plan --DRY-RUN', cmd('plan', '', true)],
  ['--dry-run on a later line is instruction text', '/aos plan\nexplain --dry-run', cmd('plan', 'explain --dry-run')],
  ['--dry-run means nothing for revise', '/aos revise --dry-run', cmd('revise', '--dry-run')],
  ['--dry-run glued to a word is not the flag', '/aos plan x--dry-run', cmd('plan', 'x--dry-run')],
  ['/aosplan is not a command', '/aosplan', none],
  ['/aosx is not a command', '/aosx plan', none],
  ['/aos-plan is not a command', '/aos-plan', none],
  ['quoted text kept verbatim', '/aos plan "rename `foo` to bar"', cmd('plan', '"rename `foo` to bar"')],
  ['command on second line is not a command', 'hello\n/aos plan', none],
  ['quote reply is not a command', '> /aos plan', none],
  ['code fence is not a command', '```\n/aos plan\n```', none],
  ['unknown subcommand', '/aos deploy now', { kind: 'unknown', word: 'deploy' }],
  ['unknown keeps the case as written', '/aos Frobnicate', { kind: 'unknown', word: 'Frobnicate' }],
  ['subcommand with punctuation is unknown', '/aos plan: fix', { kind: 'unknown', word: 'plan:' }],
  ['unicode whitespace before prefix', '\u00a0\ufeff/aos status', cmd('status')],
];

describe('parseCommand', () => {
  it.each(cases)('%s', (_name, body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it('caps instructions at 8,000 characters', () => {
    const result = parseCommand(`/aos plan ${'a'.repeat(20_000)}`);
    expect(result).toEqual(cmd('plan', 'a'.repeat(MAX_INSTRUCTIONS_CHARS)));
  });

  it('does not split a surrogate pair at the cap', () => {
    const result = parseCommand(`/aos plan ${'a'.repeat(MAX_INSTRUCTIONS_CHARS - 1)}😀tail`);
    expect(result.kind === 'command' && result.instructions).toBe('a'.repeat(MAX_INSTRUCTIONS_CHARS - 1));
  });

  it('cuts a long unknown word to 32 characters', () => {
    expect(parseCommand(`/aos ${'z'.repeat(1000)}`)).toEqual({ kind: 'unknown', word: 'z'.repeat(32) });
  });

  // Adversarial 1 MB bodies: whitespace runs, no newline, a near-miss prefix. A backtracking
  // implementation would not finish these; a linear one returns at once.
  it.each([
    ['whitespace then text, no newline', `${' '.repeat(1_000_000)}x`, none],
    ['prefix then 1 MB of spaces', `/aos plan${' '.repeat(1_000_000)}`, cmd('plan')],
    ['prefix then 1 MB of spaces and CRs', `/aos plan ${' \r'.repeat(500_000)}end`, cmd('plan', 'end')],
    ['1 MB word after prefix', `/aos ${'p'.repeat(1_000_000)}`, { kind: 'unknown', word: 'p'.repeat(32) }],
    ['near miss repeated', '/ao'.repeat(350_000), none],
  ] as [string, string, ParsedCommand][])('1 MB body: %s', (_name, body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it('1 MB of instructions is capped', () => {
    const body = `/aos plan go\n${'line of text\r\n'.repeat(80_000)}`;
    const result = parseCommand(body);
    expect(result.kind).toBe('command');
    expect(result.kind === 'command' && result.instructions.length).toBeLessThanOrEqual(MAX_INSTRUCTIONS_CHARS);
    expect(result.kind === 'command' && result.instructions.startsWith('go\nline of text\nline')).toBe(true);
  });
});
