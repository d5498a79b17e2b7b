import type { Logger } from '../../observability/logger.ts';
import { hashCanonical } from '../../state/ledger/canonical-json.ts';
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
  /** The ledger event of the last finished node, re-appended on resume if a crash lost it. */
  lastEvent: { step: number; payload: Record<string, unknown> } | null;
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
  /** Builds the context one node runs with, and how to read what it spent; `logger` is the node's (it adds `node`). */
  contextFor: (node: string, step: number, state: Readonly<S>, logger: Logger) => Promise<{ context: C; usage: () => NodeUsage }>;
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
 * Runs a graph to its end, one node at a time. After each node the state is checkpointed and a
 * ledger event appended (node, input and output hashes, duration, tokens, cost). A run that finds a
 * checkpoint resumes from it: finished nodes are not run again and their model calls not paid again.
 */
export async function runGraph<S, C>(options: RunGraphOptions<S, C>): Promise<RunOutcome<S>> {
  const { graph, runId, stateRepository, ledger, logger } = options;
  const now = options.now ?? Date.now;
  const key = checkpointKey(runId);
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
    await ledger.appendEvent(runId, 'run.started', {
      start_at: checkpoint.next,
      graph: graph.definition.name,
      graph_hash: hashCanonical(graphToYaml(graph.definition)),
      initial_state: options.initialState,
      initial_state_hash: hashCanonical(options.initialState),
    });
    await stateRepository.save(key, checkpoint);
  }

  while (checkpoint.next !== END) {
    if (options.isCancelled && (await options.isCancelled())) {
      checkpoint = { ...checkpoint, status: 'cancelled' };
      await stateRepository.save(key, checkpoint);
      await ledger.appendEvent(runId, 'run.cancelled', { step: checkpoint.step, next: checkpoint.next });
      return {
        status: 'cancelled',
        state: checkpoint.state,
        finalStateHash: hashCanonical(checkpoint.state),
        steps: checkpoint.step,
        resumed: existing !== null,
      };
    }
    const nodeName = checkpoint.next;
    const before = checkpoint;
    const nodeLogger = logger.child({ node: nodeName });
    const attributes = { 'aos.run_id': runId, 'aos.node': nodeName, 'aos.step': before.step + 1 };
    const done = await withSpan(`node ${nodeName}`, { attributes }, async (span) => {
      const inputHash = hashCanonical(before.state);
      const started = now();
      nodeLogger.info({ step: before.step + 1 }, 'node started');
      const { context, usage } = await options.contextFor(nodeName, before.step, before.state, nodeLogger);
      const update = await graph.node(nodeName)(before.state, context);
      const state = { ...before.state, ...update } as S;
      const next = graph.next(nodeName, state);
      const durationMs = now() - started;
      const spent = usage();
      span.setAttributes({ 'aos.next': next, 'aos.cost_eur': spent.costEur, 'aos.model_calls': spent.calls });
      const payload = {
        node: nodeName,
        step: before.step + 1,
        input_hash: inputHash,
        output_hash: hashCanonical(state),
        duration_ms: durationMs,
        input_tokens: spent.inputTokens,
        output_tokens: spent.outputTokens,
        cost_eur: spent.costEur,
        model_calls: spent.calls,
        next,
      };
      // Checkpoint first: a crash before the ledger append is repaired on resume from `lastEvent`,
      // whereas the other order would run the node, and pay for it, twice.
      const saved: RunCheckpoint<S> = {
        runId,
        state,
        next,
        step: before.step + 1,
        status: next === END ? 'completed' : 'running',
        lastEvent: { step: before.step + 1, payload },
      };
      await stateRepository.save(key, saved);
      await ledger.appendEvent(runId, 'node.completed', payload);
      nodeLogger.info(
        { step: payload.step, next, duration_ms: durationMs, model_calls: spent.calls, cost_eur: spent.costEur },
        'node completed',
      );
      return { saved, spent, durationMs };
    });
    checkpoint = done.saved;
    const { state, next } = checkpoint;
    const { spent, durationMs } = done;
    await options
      .onNodeCompleted?.({ node: nodeName, step: checkpoint.step, next, state, usage: spent, durationMs })
      .catch((error: unknown) => nodeLogger.warn({ err: String(error) }, 'progress update failed'));
  }
  const finalStateHash = hashCanonical(checkpoint.state);
  await ledger.appendEvent(runId, 'run.completed', { steps: checkpoint.step, final_state_hash: finalStateHash });
  return { status: 'completed', state: checkpoint.state, finalStateHash, steps: checkpoint.step, resumed: existing !== null };
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
