import type { ChatMessage, Usage } from '../types.ts';

// About 4 characters make a token in English prose and fewer in code or other languages;
// dividing by 3 errs on the side of charging the budget too much rather than too little.
const CHARS_PER_TOKEN = 3;

/**
 * A conservative token count for a call whose response carried no usage (some OpenAI-compatible
 * local servers omit it), so the budget can still settle on a number.
 */
export function estimateUsage(messages: readonly ChatMessage[], output: string): Usage {
  const inputChars = messages.reduce((sum, message) => sum + message.content.length, 0);
  return {
    inputTokens: Math.ceil(inputChars / CHARS_PER_TOKEN),
    outputTokens: Math.ceil(output.length / CHARS_PER_TOKEN),
  };
}
