import { fileBlock } from '../nodes/format-blocks.ts';
import { estimateTextTokens } from './estimate-text-tokens.ts';

/**
 * Tokens a repository file costs in a prompt: its data block as the planner writes it (path attribute and
 * delimiters included), not its content alone. On a tree of many small files the blocks' own bytes are most of
 * the prompt; counting only content let 2,000 tiny files that fit a 24,000-token budget make a ~50,000-token prompt.
 */
export function estimateFileTokens(file: { path: string; content: string }): number {
  return estimateTextTokens(fileBlock(file.path, file.content));
}
