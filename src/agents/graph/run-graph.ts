import type { Logger } from '../../observability/logger.ts';
import { hashCanonical } from '../../state/ledger/canonical-json.ts';
import type { PendingLedgerEvent } from '../../state/ledger/append-chained-events.ts';
import type { Ledger } from '../../state/ledger/ledger.ts';
import type { StateRepository } from '../../state/state-repository.ts';
import { END, type CompiledGraph } from './graph-types.ts';
import { graphToYaml } from './graph-snapshot.ts';
import { withSpan } from '../../observability/tracing/with-span.ts';

/** What a node spent, reported by the context's model client. */
export interface NodeUsage {
  inputTokens: number;
  outputTokens: number;
  costEur: number;
  calls: number;
}

/** The checkpoint stored after every node: enough to resume without redoing finished nodes. */
export interface RunCheckpoint<S> {
  runId: string;
  state: S;
  next: string;
  step: number;
  status: 'running' | 'completed' | 'cancelled';
  /**
   * Set by checkpoints written before a checkpoint and its events committed together: the last
   * node's event, re-appended on resume if a crash lost it. Null in checkpoints written now.
   */
  lastEvent: { step: number; payload: Record<string, unknown> } | null;
}

/** Where a node's context sends the ledger events of what the node does (model calls, tool results). */
export interface NodeJournal {
  record(type: string, payload: Record<string, unknown>): Promise<void>;
  /**
   * Appends the events recorded so far now, in one statement, instead of with the checkpoint: for a
   * node whose paid work must survive a crash before it ends (the tool loop, between its turns).
   */
  flush(): Promise<void>;
}

/** How a run ended. */
export interface RunOutcome<S> {
  status: 'completed' | 'cancelled';
  state: S;
  finalStateHash: string;
  steps: number;
  resumed: boolean;
}

/** Options of {@link runGraph}. */
export interface RunGraphOptions<S, C> {
  graph: CompiledGraph<S, C>;
  runId: string;
  /** Used only when the run has no checkpoint yet. */
  initialState: S;
  /** The node a new run starts at; default the graph's entry point (a revision starts at the coder). */
  startAt?: string;
  stateRepository: StateRepository;
  ledger: Ledger;
  /**
   * Builds the context one node runs with, and how to read what it spent. Events given to
   * `journal` are committed with the node's checkpoint, in one transaction, unless flushed before
   * (then appended at once, in one statement); `logger` is the node's (it adds `node`).
   */
  contextFor: (
    node: string,
    step: number,
    state: Readonly<S>,
    journal: NodeJournal,
    logger: Logger,
  ) => Promise<{ context: C; usage: () => NodeUsage }>;
  /** Asked between nodes; true stops the run (cancelled), with the checkpoint kept. */
  isCancelled?: () => Promise<boolean>;
  /** Called after each node, e.g. to update a status comment. Failures are logged, not fatal. */
  onNodeCompleted?: (info: { node: string; step: number; next: string; state: S; usage: NodeUsage; durationMs: number }) => Promise<void>;
  /** The run's logger (the caller binds its correlation fields); each node's lines add `node`. */
  logger: Logger;
  now?: () => number;
}

export const checkpointKey = (runId: string) => `run:${runId}`;

/**
 * Runs a graph to its end, one node at a time. After each node its checkpoint and its ledger
 * events (the model calls and tool results it recorded, then node, input and output hashes,
 * duration, tokens, cost) commit together in one statement: a crash leaves both or neither. A run
 * that finds a checkpoint resumes from it: finished nodes are not run again and their model calls
 * not paid again. A node that fails still has what it recorded appended before the error goes on.
 */
export async function runGraph<S, C>(options: RunGraphOptions<S, C>): Promise<RunOutcome<S>> {
  const { graph, runId, stateRepository, ledger, logger } = options;
  const now = options.now ?? Date.now;
  const key = checkpointKey(runId);
  const commit = (saved: RunCheckpoint<S>, events: PendingLedgerEvent[]) =>
    stateRepository.save(key, saved, { events: { ledger, runId, events } });
  const existing = await stateRepository.get<RunCheckpoint<S>>(key);
  let checkpoint: RunCheckpoint<S>;
  if (existing) {
    checkpoint = existing;
    await reconcileLastEvent(ledger, runId, checkpoint);
    if (checkpoint.status !== 'running') {
      return {
        status: checkpoint.status === 'cancelled' ? 'cancelled' : 'completed',
        state: checkpoint.state,
        finalStateHash: hashCanonical(checkpoint.state),
        steps: checkpoint.step,
        resumed: true,
      };
    }
    logger.info({ next: checkpoint.next, step: checkpoint.step }, 'resuming run from its checkpoint');
  } else {
    checkpoint = {
      runId,
      state: options.initialState,
      next: options.startAt ?? graph.definition.entry,
      step: 0,
      status: 'running',
      lastEvent: null,
    };
  }
  // The state's hash is computed once per state: a node's output hash is the next node's input hash.
  let stateHash = hashCanonical(checkpoint.state);
  if (!existing) {
    await commit(checkpoint, [
      {
        type: 'run.started',
        payload: {
          start_at: checkpoint.next,
          graph: graph.definition.name,
          graph_hash: hashCanonical(graphToYaml(graph.definition)),
          initial_state: options.initialState,
          initial_state_hash: stateHash,
        },
      },
    ]);
  }

  let completionRecorded = false;
  while (checkpoint.next !== END) {
    if (options.isCancelled && (await options.isCancelled())) {
      checkpoint = { ...checkpoint, status: 'cancelled' };
      await commit(checkpoint, [{ type: 'run.cancelled', payload: { step: checkpoint.step, next: checkpoint.next } }]);
      return {
        status: 'cancelled',
        state: checkpoint.state,
        finalStateHash: stateHash,
        steps: checkpoint.step,
        resumed: existing !== null,
      };
    }
    const nodeName = checkpoint.next;
    const nodeLogger = logger.child({ node: nodeName });
    const attributes = { 'aos.run_id': runId, 'aos.node': nodeName, 'aos.step': checkpoint.step + 1 };
    const done = await withSpan(`node ${nodeName}`, { attributes }, async (span) => {
      const inputHash = stateHash;
      const started = now();
      nodeLogger.info({ step: checkpoint.step + 1 }, 'node started');
      const journal: PendingLedgerEvent[] = [];
      const record = async (type: string, payload: Record<string, unknown>) => void journal.push({ type, payload, createdAt: new Date() });
      // Emptied only once appended: if the append fails, the failed node's catch below still has the events.
      const flush = async () => {
        if (journal.length === 0) return;
        const batch = [...journal];
        await ledger.appendEvents(runId, batch);
        journal.splice(0, batch.length);
      };
      let state: S;
      let spent: NodeUsage;
      try {
        const { context, usage } = await options.contextFor(nodeName, checkpoint.step, checkpoint.state, { record, flush }, nodeLogger);
        const update = await graph.node(nodeName)(checkpoint.state, context);
        state = { ...checkpoint.state, ...update } as S;
        spent = usage();
      } catch (error) {
        // Calls the node paid for, and refusals, stay on record even though it has no checkpoint.
        await ledger
          .appendEvents(runId, journal)
          .catch((appendError: unknown) => nodeLogger.error({ err: String(appendError) }, 'ledger append failed for a failed node'));
        throw error;
      }
      const next = graph.next(nodeName, state);
      const durationMs = now() - started;
      span.setAttributes({ 'aos.next': next, 'aos.cost_eur': spent.costEur, 'aos.model_calls': spent.calls });
      stateHash = hashCanonical(state);
      const step = checkpoint.step + 1;
      const payload = {
        node: nodeName,
        step,
        input_hash: inputHash,
        output_hash: stateHash,
        duration_ms: durationMs,
        input_tokens: spent.inputTokens,
        output_tokens: spent.outputTokens,
        cost_eur: spent.costEur,
        model_calls: spent.calls,
        next,
      };
      const events: PendingLedgerEvent[] = [...journal, { type: 'node.completed', payload }];
      if (next === END) {
        events.push({ type: 'run.completed', payload: { steps: step, final_state_hash: stateHash } });
        completionRecorded = true;
      }
      checkpoint = { runId, state, next, step, status: next === END ? 'completed' : 'running', lastEvent: null };
      await commit(checkpoint, events);
      nodeLogger.info({ step, next, duration_ms: durationMs, model_calls: spent.calls, cost_eur: spent.costEur }, 'node completed');
      return { state, next, step, spent, durationMs };
    });
    const { state, next, step, spent, durationMs } = done;
    await options
      .onNodeCompleted?.({ node: nodeName, step, next, state, usage: spent, durationMs })
      .catch((error: unknown) => nodeLogger.warn({ err: String(error) }, 'progress update failed'));
  }
  if (!completionRecorded) await ledger.appendEvent(runId, 'run.completed', { steps: checkpoint.step, final_state_hash: stateHash });
  return { status: 'completed', state: checkpoint.state, finalStateHash: stateHash, steps: checkpoint.step, resumed: existing !== null };
}

/** Appends the last node's event if the process died between checkpoint and ledger append. */
async function reconcileLastEvent<S>(ledger: Ledger, runId: string, checkpoint: RunCheckpoint<S>): Promise<void> {
  if (!checkpoint.lastEvent) return;
  const events = await ledger.readEvents(runId);
  const recorded = events.some(
    (event) => event.type === 'node.completed' && (event.payload as { step?: number }).step === checkpoint.lastEvent!.step,
  );
  if (!recorded) await ledger.appendEvent(runId, 'node.completed', { ...checkpoint.lastEvent.payload, recovered: true });
  if (checkpoint.status === 'completed' && !events.some((event) => event.type === 'run.completed')) {
    await ledger.appendEvent(runId, 'run.completed', { steps: checkpoint.step, final_state_hash: hashCanonical(checkpoint.state) });
  }
}
