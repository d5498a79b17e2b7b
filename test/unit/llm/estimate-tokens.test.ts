import { describe, expect, it } from 'vitest';
import { REPO_TOOL_DEFINITIONS } from '#src/agents/tools/tool-definitions.ts';
import { estimateInputTokens } from '#src/llm/estimate-tokens.ts';
import type { ChatMessage } from '#src/llm/types.ts';

describe('estimateInputTokens', () => {
  const messages: ChatMessage[] = [
    { role: 'system', content: 'You are the planner.' },
    { role: 'user', content: 'x'.repeat(1_000) },
  ];

  it('counts one token per two bytes plus a per-message overhead', () => {
    expect(estimateInputTokens(messages)).toBe(Math.ceil((20 + 1_000) / 2) + 8 * 3);
  });

  it('counts the tool definitions offered and the tool calls in the conversation, which are sent and billed too', () => {
    const withTools = estimateInputTokens(messages, REPO_TOOL_DEFINITIONS);
    expect(withTools - estimateInputTokens(messages)).toBe(Math.ceil(Buffer.byteLength(JSON.stringify(REPO_TOOL_DEFINITIONS)) / 2));
    const call = { id: 'call_1', name: 'read_file', arguments: { path: 'src/a.ts' } };
    const afterCall: ChatMessage[] = [...messages, { role: 'assistant', content: '', toolCalls: [call] }];
    expect(estimateInputTokens(afterCall) - estimateInputTokens(messages)).toBeGreaterThanOrEqual(
      Math.floor(Buffer.byteLength(JSON.stringify([call])) / 2) + 8,
    );
  });
});
