import { describe, expect, it } from 'vitest';
import { createToolExecutor, type RecordedToolCall } from '#src/agents/tools/create-tool-executor.ts';
import { DEFAULT_TOOL_LIMITS } from '#src/agents/tools/tool-limits.ts';

const recorded = (): RecordedToolCall => ({
  node: 'planner',
  call_id: 'call_1',
  name: 'read_file',
  arguments: { path: 'src/math.ts', start_line: 1 },
  content: '<tool-result tool="read_file">\nrecorded text\n</tool-result>',
  bytes: 55,
  truncated: false,
});

describe('a tool executor answering from a recording (replay, resume)', () => {
  it('answers a matching call with exactly the recorded text, whatever the key order of the arguments', async () => {
    const executor = createToolExecutor({ node: 'planner', limits: DEFAULT_TOOL_LIMITS, recorded: [recorded()] });
    const content = await executor.execute({ id: 'other-id', name: 'read_file', arguments: { start_line: 1, path: 'src/math.ts' } });
    expect(content).toBe(recorded().content);
    expect(executor.callsMade()).toBe(1);
  });

  it('refuses a call that differs from the recording, and one past its end when nothing may run live', async () => {
    const differing = createToolExecutor({ node: 'planner', limits: DEFAULT_TOOL_LIMITS, recorded: [recorded()] });
    await expect(differing.execute({ id: 'c', name: 'read_file', arguments: { path: 'src/index.ts' } })).rejects.toMatchObject({
      code: 'replay_diverged',
    });
    const otherNode = createToolExecutor({ node: 'coder', limits: DEFAULT_TOOL_LIMITS, recorded: [recorded()] });
    await expect(otherNode.execute({ id: 'c', name: 'read_file', arguments: recorded().arguments })).rejects.toMatchObject({
      code: 'replay_diverged',
    });
    const exhausted = createToolExecutor({ node: 'planner', limits: DEFAULT_TOOL_LIMITS, recorded: [] });
    await expect(exhausted.execute({ id: 'c', name: 'list_dir', arguments: { path: '.' } })).rejects.toMatchObject({
      code: 'replay_exhausted',
    });
  });

  it('goes live after the recording, and records a cap only when the recording did not have it', async () => {
    const events: Array<[string, unknown]> = [];
    const executor = createToolExecutor({
      node: 'planner',
      limits: DEFAULT_TOOL_LIMITS,
      recorded: [recorded()],
      recordedCaps: 1,
      live: async (call) => `live ${call.name}`,
      record: async (type, payload) => void events.push([type, payload]),
    });
    await executor.execute({ id: 'a', name: 'read_file', arguments: recorded().arguments });
    expect(await executor.execute({ id: 'b', name: 'list_dir', arguments: { path: '.' } })).toBe(
      '<tool-result tool="list_dir">\nlive list_dir\n</tool-result>',
    );
    await executor.capReached('first');
    await executor.capReached('second');
    expect(events.map(([type]) => type)).toEqual(['tool.call', 'tool.cap_reached']);
    expect(events[1]![1]).toEqual({ node: 'planner', max_calls: 12, message: 'second' });
  });
});
