import type { ToolDefinition } from '../../llm/types.ts';

/**
 * The read-only tools the planner and the coder may call, as the providers are told of them.
 * They read the repository as the run sees it: the base commit plus the run's own edits.
 */
export const REPO_TOOL_DEFINITIONS: readonly ToolDefinition[] = Object.freeze([
  {
    name: 'read_file',
    description:
      'Read a text file of the repository (with the edits made so far), optionally only lines start_line..end_line (1-based, inclusive). Lines come numbered.',
    parameters: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'Repository-relative path, e.g. src/index.ts' },
        start_line: { type: 'integer', minimum: 1 },
        end_line: { type: 'integer', minimum: 1 },
      },
      required: ['path'],
      additionalProperties: false,
    },
  },
  {
    name: 'search',
    description:
      'Find lines of the repository matching a pattern: literal text by default, or a regular expression with regex: true (no backreferences or lookarounds). path_glob limits the files (gitignore syntax, e.g. src/**/*.ts).',
    parameters: {
      type: 'object',
      properties: {
        pattern: { type: 'string' },
        regex: { type: 'boolean' },
        path_glob: { type: 'string' },
      },
      required: ['pattern'],
      additionalProperties: false,
    },
  },
  {
    name: 'list_dir',
    description: 'List the files and directories directly inside a directory of the repository ("" or "." for the root).',
    parameters: {
      type: 'object',
      properties: { path: { type: 'string' } },
      required: ['path'],
      additionalProperties: false,
    },
  },
]);
