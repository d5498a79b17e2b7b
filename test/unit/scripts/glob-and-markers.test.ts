import { describe, expect, it } from 'vitest';
import { evidencePaths } from '../../../scripts/lib/check-evidence-paths.ts';
import { globBase, globToRegExp } from '../../../scripts/lib/glob-to-regexp.ts';
import { replaceBetweenMarkers } from '../../../scripts/lib/replace-between-markers.ts';
import { findMarkers } from '../../../scripts/lib/scan-forbidden-markers.ts';

describe('globToRegExp', () => {
  it('matches ** across folders, * within one, and {a,b} alternatives', () => {
    const glob = globToRegExp('test/{integration,e2e}/**/*.test.ts');
    expect(glob.test('test/integration/state/ledger.test.ts')).toBe(true);
    expect(glob.test('test/e2e/cli.test.ts')).toBe(true);
    expect(glob.test('test/unit/state/ledger.test.ts')).toBe(false);
    expect(glob.test('test/integration/state/ledger.test.tsx')).toBe(false);
    expect(globBase('test/{integration,e2e}/**/*.test.ts')).toBe('test');
    expect(globBase('test/integration/**/*.test.ts')).toBe('test/integration');
  });
});

describe('findMarkers', () => {
  it('finds whole marker words with their line, not words that merely contain them', () => {
    const word = ['FIX', 'ME'].join('');
    const patterns = [new RegExp(`\\b${word}\\b`)];
    expect(findMarkers(`const ok = 1;\n// ${word} later\nconst ${word.toLowerCase()}Count = 2;\nconst X${word} = 3;`, patterns)).toEqual([
      { line: 2, marker: word },
    ]);
  });
});

describe('evidencePaths', () => {
  it('collects evidence strings and evidence[].path anywhere in the gate document', () => {
    const gate = {
      subsystems: {
        a: { evidence: [{ path: 'm/a.csv' }, { path: 'm/b.csv' }], figures: [{ evidence: 'm/a.csv' }] },
        b: { figures: [{ evidence: 'm/c.csv' }] },
      },
    };
    expect(evidencePaths(gate)).toEqual(['m/a.csv', 'm/b.csv', 'm/c.csv']);
  });
});

describe('replaceBetweenMarkers', () => {
  it('replaces only what lies between the markers, and refuses when one is missing', () => {
    expect(replaceBetweenMarkers('a\n<!-- s -->\nold\n<!-- e -->\nb', '<!-- s -->', '<!-- e -->', 'new')).toBe(
      'a\n<!-- s -->\nnew\n<!-- e -->\nb',
    );
    expect(replaceBetweenMarkers('a <!-- s --> b', '<!-- s -->', '<!-- e -->', 'new')).toBeNull();
  });
});
