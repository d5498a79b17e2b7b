import { describe, expect, it } from 'vitest';
import { countTaskTerms } from '#src/agents/context/count-task-terms.ts';
import { tokenizeTask } from '#src/agents/context/tokenize-task.ts';

describe('countTaskTerms', () => {
  it('counts task terms and identifiers in the content', () => {
    const counts = countTaskTerms(tokenizeTask('retry delay in httpClient'), 'const httpClient = retry(retries, delayMs); // retrying');
    expect(Object.fromEntries(counts.terms)).toEqual({ http: 1, client: 1, retry: 3, delay: 1 });
    expect(Object.fromEntries(counts.identifiers)).toEqual({ httpClient: 1 });
  });

  it('finds the task words a file declares in JavaScript, TypeScript and Python, not the ones it only calls', () => {
    const task = tokenizeTask('extend drops mergeHeaders when Session rebuilds, see parse_url and normalize');
    const code = [
      'export function extend(a, b) { return merge(a, b); }',
      'const mergeHeaders = (a, b) => ({ ...a, ...b });',
      'class Session:',
      '    def parse_url(self, url):',
      '  rebuild(options) {',
      '    normalize(options);',
      '  }',
    ].join('\n');
    expect(countTaskTerms(task, code).definitions).toEqual(['extend', 'mergeHeaders', 'Session', 'parse_url']);
  });

  it('does not take control statements for method declarations', () => {
    const task = tokenizeTask('switch catch in the while loop');
    expect(countTaskTerms(task, 'switch (kind) {\n}\ncatch (error) {\n}').definitions).toEqual([]);
  });
});
