import type { z } from 'zod';
import { ProviderError } from '../../llm/provider-error.ts';
import { routeStructured, type StructuredResult } from '../../llm/route-structured.ts';
import { InvalidModelOutput } from '../../llm/router-errors.ts';
import type { Router, RouteRequest, RouteResult } from '../../llm/router.ts';
import { toOutputSchema, validateStructured } from '../../llm/structured-output.ts';
import type { ChatMessage, TaskType } from '../../llm/types.ts';
import { AosError } from '../../observability/aos-error.ts';
import type { ToolExecutor } from './create-tool-executor.ts';
import { REPO_TOOL_DEFINITIONS } from './tool-definitions.ts';

const NODE_OF_TASK: Readonly<Record<TaskType, string>> = { planning: 'planner', coding: 'coder', review: 'critic', qa: 'QA step' };

type Turn<T> = { kind: 'tools'; result: RouteResult } | { kind: 'answer'; value: T } | { kind: 'invalid'; issues: string; answer: string };

/**
 * A structured answer from a model that may first call the read-only repository tools, in a
 * bounded loop; the cap counts the node's tool calls across all its structured calls (the
 * coder's retries share it). Every model call is an ordinary routed call (reserve → call → settle), so the
 * budget holds at each turn and a turn it cannot afford ends the loop with the budget's error.
 * After `maxCalls` tool calls the model is told so and asked once more with the tools not
 * callable; calls beyond the cap in a turn are answered with a refusal, and a model that still
 * asks for tools ends the node with `tool_cap_reached`. A final answer that does not fit the
 * schema gets exactly one repair, as with routeStructured. A provider that refuses the first turn
 * as a bad request (an OpenAI-compatible server started without tool support, such as vLLM
 * without `--enable-auto-tool-choice`) gets the node as an ordinary structured call instead.
 * After each turn that asked for tools the node's journal is flushed (its events written now);
 * the final turn's events stay with the node's checkpoint.
 */
export async function routeWithTools<T>(
  router: Pick<Router, 'route'>,
  task: TaskType,
  request: RouteRequest,
  schema: z.ZodType<T>,
  name: string,
  tools: ToolExecutor,
): Promise<StructuredResult<T>> {
  const { maxCalls } = tools.limits;
  const node = NODE_OF_TASK[task];
  const outputSchema = toOutputSchema(schema, name);
  const messages: ChatMessage[] = [...request.messages];
  const calls: RouteResult[] = [];
  // Past the cap the tools stay described (the conversation holds their calls) but may not be called.
  const ask = async (conversation: ChatMessage[], callable: boolean): Promise<Turn<T>> => {
    try {
      const routed = { ...request, messages: conversation, schema: outputSchema, tools: [...REPO_TOOL_DEFINITIONS] };
      const result = await router.route(task, { ...routed, toolChoice: callable ? 'auto' : 'none' });
      calls.push(result);
      if ((result.toolCalls ?? []).length > 0) return { kind: 'tools', result };
      const checked = validateStructured(schema, result);
      if (checked.ok) return { kind: 'answer', value: checked.value };
      return {
        kind: 'invalid',
        issues: checked.issues,
        answer: result.structured !== undefined ? JSON.stringify(result.structured) : result.text,
      };
    } catch (error) {
      if (!(error instanceof ProviderError) || error.kind !== 'invalid_output') throw error;
      return { kind: 'invalid', issues: error.message, answer: '(an answer that was not valid JSON)' };
    }
  };
  const capped = () =>
    new AosError('tool_cap_reached', `The ${node} used all ${maxCalls} tool calls it may make and asked for more instead of answering.`);
  for (;;) {
    const offered = tools.callsMade() < maxCalls;
    let turn: Turn<T>;
    try {
      turn = await ask(messages, offered);
    } catch (error) {
      // Nothing was sent back and forth yet, so the node loses only the tools, not its answer.
      if (!(error instanceof ProviderError) || error.kind !== 'bad_request' || calls.length > 0) throw error;
      return routeStructured(router, task, request, schema, name);
    }
    if (turn.kind === 'answer') return { value: turn.value, calls };
    if (turn.kind === 'invalid') {
      const repair: ChatMessage[] = [
        ...messages,
        { role: 'assistant', content: turn.answer.slice(0, 20_000) },
        {
          role: 'user',
          content: `That answer does not match the required format: ${turn.issues}. Reply again with only the corrected JSON.`,
        },
      ];
      const again = await ask(repair, false);
      if (again.kind === 'answer') return { value: again.value, calls };
      if (again.kind === 'tools') throw capped();
      throw new InvalidModelOutput(task, again.issues);
    }
    if (!offered) throw capped();
    const asked = turn.result.toolCalls ?? [];
    messages.push({ role: 'assistant', content: turn.result.text, toolCalls: asked });
    for (const call of asked) {
      const refusal = tools.callsMade() >= maxCalls ? `refused: the ${node} has used all ${maxCalls} tool calls it may make` : undefined;
      messages.push({ role: 'tool', toolCallId: call.id, content: await tools.execute(call, refusal) });
    }
    if (tools.callsMade() >= maxCalls) {
      await tools.capReached(`the ${node} reached its cap of ${maxCalls} tool calls; it was asked to answer with what it had read`);
      messages.push({
        role: 'user',
        content: `You have used all ${maxCalls} tool calls this step allows. Answer now with the ${name} JSON, from what you have read.`,
      });
    }
    // Before the next paid call: this turn's model call and tool results reach the ledger, so a
    // process killed from here on resumes the node without paying for them again.
    await tools.flush();
  }
}
