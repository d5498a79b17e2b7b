import { expect, it } from 'vitest';
import { HELP_TEXT } from '#src/app/commands/help-text.ts';
import { COMMAND_NAMES } from '#src/app/commands/parse-command.ts';

it('lists every command and who may run it', () => {
  for (const name of COMMAND_NAMES) expect(HELP_TEXT).toContain(`\`/aos ${name}`);
  expect(HELP_TEXT).toContain('--dry-run');
  expect(HELP_TEXT).toMatch(/\| `\/aos cancel` \|[^\n]*\| write, maintain or admin \|/);
  expect(HELP_TEXT).toMatch(/\| `\/aos status` \|[^\n]*\| anyone who can comment \|/);
  expect(HELP_TEXT).toMatch(/\| `\/aos budget` \|[^\n]*\| triage, write, maintain or admin \|/);
});
