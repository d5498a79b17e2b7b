import { AosError } from '../observability/aos-error.ts';
import type { LedgerEvent } from '../state/ledger/ledger-types.ts';
import type { DependencyVerifier, TestRunner } from './agent-context.ts';
import type { NodeJournal } from './graph/run-graph.ts';

/** The ledger event type of a tool's result (package reality, the test command). */
export const TOOL_RESULT_EVENT = 'tool.result';

/**
 * Wraps the tools a node uses outside the model so each result is written to the run's ledger
 * (through the node's journal, with its checkpoint): replay can then answer with the same results
 * instead of running the tools again.
 */
export function recordTools(
  journal: NodeJournal,
  tools: { dependencies?: DependencyVerifier | undefined; tests?: TestRunner | undefined },
): { dependencies?: DependencyVerifier; tests?: TestRunner } {
  const recorded: { dependencies?: DependencyVerifier; tests?: TestRunner } = {};
  const { dependencies, tests } = tools;
  // Journalled before the result is handed back, so the node's checkpoint commits with it.
  const record = async <T>(tool: string, running: Promise<T>): Promise<T> => {
    const result = await running;
    await journal.record(TOOL_RESULT_EVENT, { tool, result });
    return result;
  };
  if (dependencies)
    recorded.dependencies = {
      verifyChanges: async (changes, readBase) => record('package-reality', dependencies.verifyChanges(changes, readBase)),
    };
  if (tests) recorded.tests = { run: async (command, timeoutMs) => record('test-command', tests.run(command, timeoutMs)) };
  return recorded;
}

/** Tools that answer from a run's recorded results, in order, for replay. */
export function replayTools(events: readonly LedgerEvent[]): { dependencies?: DependencyVerifier; tests?: TestRunner } {
  const results = (tool: string) =>
    events
      .filter((event) => event.type === TOOL_RESULT_EVENT && (event.payload as { tool: string }).tool === tool)
      .map((event) => (event.payload as { result: unknown }).result);
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
