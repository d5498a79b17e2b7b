import { describe, expect, it } from 'vitest';
import { tokenizeTask } from '#src/agents/context/tokenize-task.ts';

describe('tokenizeTask', () => {
  it('splits camelCase, snake_case, kebab-case and dots, and drops stop words and short terms', () => {
    const task = tokenizeTask('Fix the retry delay in httpClient backoff; see max_retries and parse-HTTPResponse.v2 in UI');
    expect(task.terms).toEqual(['retry', 'delay', 'http', 'client', 'backoff', 'see', 'max', 'pars', 'respons']);
    expect(task.identifiers).toEqual(['httpClient', 'max_retries']);
    expect(task.compounds).toEqual(['httpclient', 'maxretries', 'parsehttpresponse']);
  });

  it('finds file mentions, with or without folders, quotes or a leading ./', () => {
    const task = tokenizeTask('Change `src/http/http-client.ts` and "./lib/Util.PY", also README.md. Not e.g. v1.2 or http-client');
    expect(task.mentions).toEqual(['src/http/http-client.ts', 'lib/util.py', 'readme.md']);
  });
});
