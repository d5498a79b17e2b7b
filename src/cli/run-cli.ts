import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config-error.ts';
import type { CliCommand } from './cli-command.ts';
import { budgetCommand } from './commands/budget-command.ts';
import { checkResidencyCommand } from './commands/check-residency-command.ts';
import { configCommand } from './commands/config-command.ts';
import { ledgerCommand } from './commands/ledger-command.ts';
import { migrateCommand } from './commands/migrate-command.ts';
import { planCommand } from './commands/plan-command.ts';
import { replayCommand } from './commands/replay-command.ts';
import { runsCommand } from './commands/runs-command.ts';
import { statusCommand } from './commands/status-command.ts';
import { verifyPackagesCommand } from './commands/verify-packages-command.ts';
import { workerCommand } from './commands/worker-command.ts';
import { UsageError } from './usage-error.ts';

const commands: CliCommand[] = [
  planCommand,
  workerCommand,
  runsCommand,
  replayCommand,
  budgetCommand,
  statusCommand,
  migrateCommand,
  ledgerCommand,
  checkResidencyCommand,
  configCommand,
  verifyPackagesCommand,
];

/** Where one invocation prints: its output and its diagnostics. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

const consoleOutput: CliOutput = { out: (text) => console.log(text), err: (text) => console.error(text) };

const overview = () =>
  [
    'Usage: aos <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(18)}${command.summary}`),
    '',
    "Run `aos <command> --help` for a command's options.",
  ].join('\n');

/**
 * Runs one `aos` invocation and returns its exit code: 0 ok, 1 a finding, 2 bad usage or input.
 * Only the named command's implementation is imported, and only when it runs.
 */
export async function runCli(argv: readonly string[], output: CliOutput = consoleOutput): Promise<number> {
  const { out, err } = output;
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(overview());
    return name ? 0 : 2;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    err(`aos: unknown command "${name}"\n\n${overview()}`);
    return 2;
  }
  try {
    const { positionals, values } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      out(command.help);
      return 0;
    }
    return await command.run({ positionals, values, out, err });
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`aos ${name}: ${(error as Error).message}\n\n${command.help}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      err(error.message);
      return 2;
    }
    err(`aos ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
