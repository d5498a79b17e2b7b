import { AosError } from '../observability/aos-error.ts';
import type { Ledger } from '../state/ledger/ledger.ts';
import type { LedgerEvent } from '../state/ledger/ledger-types.ts';
import type { DependencyVerifier, TestRunner } from './agent-context.ts';

/** The ledger event type of a tool's result (package reality, the test command). */
export const TOOL_RESULT_EVENT = 'tool.result';

/**
 * Wraps the tools a run uses outside the model so each result is written to the run's ledger:
 * replay can then answer with the same results instead of running the tools again.
 */
export function recordTools(runId: string, ledger: Ledger, tools: { dependencies?: DependencyVerifier | undefined; tests?: TestRunner | undefined }): { dependencies?: DependencyVerifier; tests?: TestRunner } {
  const recorded: { dependencies?: DependencyVerifier; tests?: TestRunner } = {};
  const { dependencies, tests } = tools;
  if (dependencies) {
    recorded.dependencies = {
      async verifyChanges(changes, readBase) {
        const result = await dependencies.verifyChanges(changes, readBase);
        await ledger.appendEvent(runId, TOOL_RESULT_EVENT, { tool: 'package-reality', result });
        return result;
      },
    };
  }
  if (tests) {
    recorded.tests = {
      async run(command, timeoutMs) {
        const result = await tests.run(command, timeoutMs);
        await ledger.appendEvent(runId, TOOL_RESULT_EVENT, { tool: 'test-command', result });
        return result;
      },
    };
  }
  return recorded;
}

/** Tools that answer from a run's recorded results, in order, for replay. */
export function replayTools(events: readonly LedgerEvent[]): { dependencies?: DependencyVerifier; tests?: TestRunner } {
  const results = (tool: string) => events.filter((event) => event.type === TOOL_RESULT_EVENT && (event.payload as { tool: string }).tool === tool).map((event) => (event.payload as { result: unknown }).result);
  const queue = <T>(tool: string) => {
    const pending = results(tool);
    return () => {
      if (pending.length === 0) throw new AosError('replay_diverged', `replay asked for a ${tool} result the run did not record`);
      return pending.shift() as T;
    };
  };
  const tools: { dependencies?: DependencyVerifier; tests?: TestRunner } = {};
  if (results('package-reality').length > 0) {
    const next = queue<Awaited<ReturnType<DependencyVerifier['verifyChanges']>>>('package-reality');
    tools.dependencies = { verifyChanges: async () => next() };
  }
  if (results('test-command').length > 0) {
    const next = queue<Awaited<ReturnType<TestRunner['run']>>>('test-command');
    tools.tests = { run: async () => next() };
  }
  return tools;
}
