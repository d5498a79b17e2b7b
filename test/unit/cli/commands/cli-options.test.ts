import { describe, expect, it } from 'vitest';
import { integerOption, positiveNumberOption, stringOption } from '#src/cli/commands/cli-options.ts';
import { UsageError } from '#src/cli/usage-error.ts';

describe('command-line option parsing', () => {
  it('reads whole numbers within their range and falls back when absent', () => {
    expect(integerOption({ n: '3' }, 'n', 2, { min: 0, max: 10 })).toBe(3);
    expect(integerOption({ n: '0' }, 'n', 2, { min: 0, max: 10 })).toBe(0);
    expect(integerOption({}, 'n', 2, { min: 0, max: 10 })).toBe(2);
  });

  it.each(['11', '-1', '2.5', 'many', '1e3', ' '])('rejects %j as a whole number from 0 to 10 with a UsageError', (text) => {
    expect(() => integerOption({ n: text }, 'n', 2, { min: 0, max: 10 })).toThrow(UsageError);
  });

  it('names the option and the bad value', () => {
    expect(() => integerOption({ limit: 'x' }, 'limit', 20, { min: 1 })).toThrow('--limit must be a whole number of at least 1, not "x"');
  });

  it('reads positive amounts and rejects zero, negatives and words', () => {
    expect(positiveNumberOption({ eur: '0.5' }, 'eur')).toBe(0.5);
    expect(positiveNumberOption({}, 'eur')).toBeUndefined();
    for (const text of ['0', '-1', 'ten', '1,5'])
      expect(() => positiveNumberOption({ eur: text }, 'eur')).toThrow('--eur must be a positive number');
  });

  it('refuses an empty string option', () => {
    expect(stringOption({ 'test-cmd': 'npm test' }, 'test-cmd')).toBe('npm test');
    expect(() => stringOption({ 'test-cmd': '  ' }, 'test-cmd')).toThrow('--test-cmd needs a value');
  });
});
