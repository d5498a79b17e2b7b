/** The `aos` command's entry: runs the invocation in `process.argv` and sets the exit code. */
import { runCli } from './run-cli.ts';

process.exitCode = await runCli(process.argv.slice(2));
