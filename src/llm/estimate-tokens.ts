import type { ChatMessage } from './types.ts';

/** Tokens a chat format adds per message (role markers, separators); generous on purpose. */
const PER_MESSAGE_OVERHEAD = 8;

/**
 * An upper-bound estimate of a prompt's tokens, for budget reservations. Tokenizers produce at
 * most about one token per two UTF-8 bytes on real text (English averages four or more bytes per
 * token; code and non-Latin scripts fewer), so counting one token per two bytes over-reserves
 * rather than under-reserves, and the unused part is refunded at settlement.
 */
export function estimateInputTokens(messages: readonly ChatMessage[]): number {
  let bytes = 0;
  for (const message of messages) bytes += Buffer.byteLength(message.content, 'utf8');
  return Math.ceil(bytes / 2) + PER_MESSAGE_OVERHEAD * (messages.length + 1);
}
