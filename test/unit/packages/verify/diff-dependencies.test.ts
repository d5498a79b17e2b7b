import { describe, expect, it } from 'vitest';
import { diffDependencies } from '#src/packages/verify/diff-dependencies.ts';
import { dep } from '../fixtures.ts';

describe('diffDependencies', () => {
  const base = [
    dep({ name: 'react', version: '18.2.0', line: 3 }),
    dep({ name: 'lodash', version: '4.17.21', line: 9 }),
    dep({ name: 'x', version: 'github:a/x', source: 'git', resolved: 'github:a/x' }),
  ];

  it('returns added and version-changed dependencies, not moved ones', () => {
    const head = [
      dep({ name: 'react', version: '18.3.1', line: 3 }),
      dep({ name: 'lodash', version: '4.17.21', line: 12 }),
      dep({ name: 'axios', version: '1.7.0', line: 20 }),
      dep({ name: 'x', version: 'github:a/x#v2', source: 'git', resolved: 'github:a/x#v2' }),
    ];
    expect(diffDependencies(base, head).map((d) => `${d.name}@${d.version}`)).toEqual(['react@18.3.1', 'axios@1.7.0', 'x@github:a/x#v2']);
  });

  it('returns everything when the file is absent at base (full scan too)', () => {
    expect(diffDependencies(null, base)).toEqual(base);
  });

  it('returns nothing when only lines moved', () => {
    expect(
      diffDependencies(
        base,
        base.map((d) => ({ ...d, line: d.line + 5 })),
      ),
    ).toEqual([]);
  });
});
