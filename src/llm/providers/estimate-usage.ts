import type { ChatMessage, ToolDefinition, Usage } from '../types.ts';

// About 4 characters make a token in English prose and fewer in code or other languages;
// dividing by 3 errs on the side of charging the budget too much rather than too little.
const CHARS_PER_TOKEN = 3;

/**
 * A conservative token count for a call whose response carried no usage (some OpenAI-compatible
 * local servers omit it), so the budget can still settle on a number. Tool calls in the
 * conversation and the tool definitions sent are input too; an answer's tool calls are output.
 */
export function estimateUsage(messages: readonly ChatMessage[], output: string, tools: readonly ToolDefinition[] = []): Usage {
  const inputChars =
    messages.reduce(
      (sum, message) => sum + message.content.length + (message.toolCalls ? JSON.stringify(message.toolCalls).length : 0),
      0,
    ) + (tools.length > 0 ? JSON.stringify(tools).length : 0);
  return {
    inputTokens: Math.ceil(inputChars / CHARS_PER_TOKEN),
    outputTokens: Math.ceil(output.length / CHARS_PER_TOKEN),
  };
}
