import { isTestPath } from './is-test-path.ts';

/** What a file is to a task that asks for a change: code, a test of it, documentation, or other data. */
export type FileKind = 'source' | 'test' | 'docs' | 'data';

const CODE = new Set(
  `ts tsx mts cts js jsx mjs cjs py pyi go rs java kt kts rb php c h cc cpp hpp cs swift scala vue svelte html css scss less sh
  sql graphql gql lua ex exs erl dart zig m mm r jl`.split(/\s+/),
);
const DOCS = new Set(['md', 'mdx', 'rst', 'txt', 'adoc', 'asciidoc']);
const DOC_DIRS = new Set(['docs', 'doc', 'documentation', 'website', 'docs_src', 'examples', 'example']);
const DOC_NAMES = /^(?:changelog|changes|history|license|licence|contributing|authors|notice|code_of_conduct|security)(?:\.|$)/;

/**
 * The kind of a file by its path: a test (`isTestPath`), documentation (Markdown, reStructuredText
 * and text files, anything under `docs/`, `examples/` …, and CHANGELOG, HISTORY, LICENSE …), code
 * (by extension), or data (JSON, YAML, configuration and everything else).
 */
export function fileKind(path: string): FileKind {
  if (isTestPath(path)) return 'test';
  const segments = path.toLowerCase().split('/');
  const name = segments.at(-1) ?? '';
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  if (DOCS.has(extension) || DOC_NAMES.test(name) || segments.slice(0, -1).some((segment) => DOC_DIRS.has(segment))) return 'docs';
  return CODE.has(extension) ? 'source' : 'data';
}
