import type { ChatMessage, ToolDefinition } from './types.ts';

/** Tokens a chat format adds per message (role markers, separators); generous on purpose. */
const PER_MESSAGE_OVERHEAD = 8;

/**
 * An upper-bound estimate of a prompt's tokens, for budget reservations. Tokenizers produce at
 * most about one token per two UTF-8 bytes on real text (English averages four or more bytes per
 * token; code and non-Latin scripts fewer), so counting one token per two bytes over-reserves
 * rather than under-reserves, and the unused part is refunded at settlement. Tool calls in the
 * conversation and the tool definitions offered count too.
 */
export function estimateInputTokens(messages: readonly ChatMessage[], tools: readonly ToolDefinition[] = []): number {
  let bytes = 0;
  for (const message of messages) {
    bytes += Buffer.byteLength(message.content, 'utf8');
    // Tool calls and definitions are sent as JSON and billed as input like the text.
    if (message.toolCalls) bytes += Buffer.byteLength(JSON.stringify(message.toolCalls), 'utf8');
  }
  if (tools.length > 0) bytes += Buffer.byteLength(JSON.stringify(tools), 'utf8');
  return Math.ceil(bytes / 2) + PER_MESSAGE_OVERHEAD * (messages.length + 1);
}
