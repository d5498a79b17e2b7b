import type { z } from 'zod';
import { routeStructured } from '../llm/route-structured.ts';
import type { Router, RouteRequest } from '../llm/router.ts';
import type { ChatMessage, TaskType } from '../llm/types.ts';
import type { Logger } from '../observability/logger.ts';
import type { NodeLlm } from './agent-context.ts';
import type { NodeUsage } from './graph/run-graph.ts';
import type { ToolExecutor } from './tools/create-tool-executor.ts';
import { routeWithTools } from './tools/route-with-tools.ts';

/**
 * The model client of one node: structured calls through the router with the run's budget
 * context, correlation id and logger (the node's), adding up what they cost for the node's ledger event.
 * With `record`, the calls' ledger events go there (the node's journal) rather than straight to the ledger.
 * With a tool executor whose cap is above zero, a call that asks for tools runs the tool loop (routeWithTools).
 */
export function createNodeLlm(
  router: Pick<Router, 'route'>,
  options: {
    correlationId: string;
    logger?: Logger;
    budget?: RouteRequest['budget'];
    record?: RouteRequest['record'];
    tools?: ToolExecutor;
  },
): { llm: NodeLlm; usage: () => NodeUsage } {
  const spent: NodeUsage = { inputTokens: 0, outputTokens: 0, costEur: 0, calls: 0 };
  const llm: NodeLlm = {
    async structured<T>(
      task: TaskType,
      messages: ChatMessage[],
      schema: z.ZodType<T>,
      name: string,
      callOptions: { maxOutputTokens?: number; tools?: boolean } = {},
    ) {
      const { tools: wantsTools, ...routeOptions } = callOptions;
      const request = {
        messages,
        correlationId: options.correlationId,
        ...(options.logger ? { logger: options.logger } : {}),
        ...(options.budget ? { budget: options.budget } : {}),
        ...(options.record ? { record: options.record } : {}),
        ...routeOptions,
      };
      const executor = options.tools;
      const result =
        wantsTools && executor && executor.limits.maxCalls > 0
          ? await routeWithTools(router, task, request, schema, name, executor)
          : await routeStructured(router, task, request, schema, name);
      for (const call of result.calls) {
        spent.inputTokens += call.usage.inputTokens;
        spent.outputTokens += call.usage.outputTokens;
        spent.costEur += call.costEur;
        spent.calls += 1;
      }
      return result.value;
    },
  };
  return { llm, usage: () => ({ ...spent }) };
}
