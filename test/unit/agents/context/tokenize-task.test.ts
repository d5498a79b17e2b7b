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

  it('drops links before tokenizing, so a URL does not match every file that links anywhere', () => {
    const task = tokenizeTask('Fix receive timeout. See https://github.com/probot/probot/issues/1643 and http://example.com/a_b');
    expect(task.terms).toEqual(['receiv', 'timeout', 'see']);
    expect(task.identifiers).toEqual([]);
  });

  it('keeps the words a file may declare, as written, and says whether the task is about tests or docs', () => {
    const task = tokenizeTask('Fix `extend()` dropping the retry limit in Ky when parse_url is used');
    expect(task.words).toEqual(['extend', 'dropping', 'retry', 'limit', 'parse_url']);
    expect(task).toMatchObject({ wantsTests: false, wantsDocs: false });
    expect(tokenizeTask('fix the flaky test of retry')).toMatchObject({ wantsTests: true, wantsDocs: false });
    expect(tokenizeTask('fix the README example for retry')).toMatchObject({ wantsTests: false, wantsDocs: true });
  });
});
