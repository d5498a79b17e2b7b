import type { z } from 'zod';
import type { Logger } from '../observability/logger.ts';
import type { ChatMessage, TaskType } from '../llm/types.ts';
import type { Workspace } from './workspace-types.ts';

/** Verifies dependencies that changed manifests and lockfiles add (package reality). */
export interface DependencyVerifier {
  verifyChanges(
    changes: ReadonlyMap<string, string | null>,
    readBase: (path: string) => Promise<string | null>,
  ): Promise<{ passed: boolean; evidence: string; findings: Array<{ path: string; line: number; message: string }> }>;
}

/** Runs the optional local test command. */
export interface TestRunner {
  run(command: string, timeoutMs: number): Promise<{ passed: boolean; output: string; timedOut: boolean }>;
}

/** The model client a node uses: structured answers only, with what they cost accumulated. */
export interface NodeLlm {
  /**
   * A validated structured answer. With `tools: true` the model may first call the read-only
   * repository tools (read_file, search, list_dir) in a bounded loop, when the node has them.
   */
  structured<T>(
    task: TaskType,
    messages: ChatMessage[],
    schema: z.ZodType<T>,
    name: string,
    options?: { maxOutputTokens?: number; tools?: boolean },
  ): Promise<T>;
}

/** Everything a node may use. Nodes never import knex, ioredis or a vendor SDK. */
export interface NodeContext {
  runId: string;
  llm: NodeLlm;
  workspace: Workspace;
  logger: Logger;
  dependencies?: DependencyVerifier;
  tests?: TestRunner;
}
