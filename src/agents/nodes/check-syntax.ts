import { createRequire } from 'node:module';
import YAML from 'yaml';

type Esbuild = typeof import('esbuild');
// esbuild is loaded with the first script checked, not when the agents load (checkSyntax is synchronous, so require).
let esbuild: Esbuild | undefined;
const loadEsbuild = (): Esbuild => (esbuild ??= createRequire(import.meta.url)('esbuild') as Esbuild);

const SCRIPT_LOADERS: Record<string, 'ts' | 'tsx' | 'js' | 'jsx'> = {
  ts: 'ts',
  mts: 'ts',
  cts: 'ts',
  tsx: 'tsx',
  js: 'js',
  mjs: 'js',
  cjs: 'js',
  jsx: 'jsx',
};

/**
 * Whether a changed file still parses, judged by its extension: JSON, YAML, and TypeScript or
 * JavaScript (esbuild's parser). Null when the type is not checked.
 */
export function checkSyntax(path: string, content: string): { ok: true } | { ok: false; problem: string } | null {
  const extension = path.split('.').pop()?.toLowerCase() ?? '';
  try {
    if (extension === 'json') {
      JSON.parse(content);
      return { ok: true };
    }
    if (extension === 'yaml' || extension === 'yml') {
      const errors = YAML.parseAllDocuments(content).flatMap((document) => ('errors' in document ? document.errors : []));
      return errors.length === 0 ? { ok: true } : { ok: false, problem: errors[0]!.message.split('\n')[0] ?? 'invalid YAML' };
    }
    const loader = SCRIPT_LOADERS[extension];
    if (loader) {
      loadEsbuild().transformSync(content, { loader, logLevel: 'silent' });
      return { ok: true };
    }
    return null;
  } catch (error) {
    const esbuildError = error as { errors?: Array<{ text: string; location?: { line: number } | null }> };
    const first = esbuildError.errors?.[0];
    if (first) return { ok: false, problem: `line ${first.location?.line ?? '?'}: ${first.text}` };
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}
