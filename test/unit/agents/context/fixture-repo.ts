/** A small repository: an HTTP client with a backoff helper, unrelated files, and files to exclude. */
export const FIXTURE_FILES: Record<string, string | null> = {
  'src/http/http-client.ts': `import { computeBackoff } from './backoff.js';
import type { RetryOptions } from '../types.ts';

/** An HTTP client that retries failed requests. */
export function createHttpClient(options: RetryOptions) {
  const httpClient = {
    async get(url: string): Promise<Response> {
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await fetch(url);
        } catch (error) {
          if (attempt >= options.maxRetries) throw error;
          await new Promise((resolve) => setTimeout(resolve, computeBackoff(attempt, options.retryDelayMs)));
        }
      }
    },
  };
  return httpClient;
}
`,
  'src/http/backoff.ts': `/** Exponential backoff between retries. */
export function computeBackoff(attempt: number, baseDelayMs: number): number {
  return baseDelayMs * 2 ** attempt;
}
`,
  'src/types.ts': `export interface RetryOptions {
  maxRetries: number;
  retryDelayMs: number;
}
`,
  'src/index.ts': `export { createHttpClient } from './http/http-client.ts';
`,
  'src/db/connection.ts': `/** Opens a database connection from a URL. */
export function openConnection(url: string) {
  return { url, open: true, pool: { min: 1, max: 10 } };
}
`,
  'src/util/strings.ts': `/** Turns a title into a URL slug. */
export function slugify(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
`,
  'README.md': `# demo

A small demo library with a database layer and string helpers.
`,
  'package-lock.json': `{
  "name": "demo",
  "lockfileVersion": 3,
  "packages": { "node_modules/backoff": { "version": "2.5.0", "description": "http client retry delay backoff" } }
}
`,
  'dist/http-client.min.js': `export function createHttpClient(o){const httpClient={get:u=>fetch(u)};return httpClient}
`,
  'assets/logo.png': null,
};

/** The fixture as `rankFiles` input. */
export function fixtureFiles(): Array<{ path: string; content: string | null; size: number }> {
  return Object.entries(FIXTURE_FILES).map(([path, content]) => ({
    path,
    content,
    size: content === null ? 2048 : Buffer.byteLength(content),
  }));
}
