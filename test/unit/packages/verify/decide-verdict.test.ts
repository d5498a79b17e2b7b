import { describe, expect, it } from 'vitest';
import type { Advisory } from '#src/packages/osv/advisory.ts';
import { createTyposquatCheck } from '#src/packages/typosquat/find-typosquat.ts';
import { decideVerdict } from '#src/packages/verify/decide-verdict.ts';
import type { DependencyFacts, RegistryFacts } from '#src/packages/verify/dependency-facts.ts';
import { NOW, dep, policyWith } from '../fixtures.ts';

const typosquat = createTyposquatCheck();
const found: RegistryFacts = { status: 'found', version: { status: 'found', version: '1.0.0' } };
const clean: DependencyFacts['vulnerabilities'] = { status: 'checked', advisories: [] };
const advisory = (id: string, severity: Advisory['severity'], malware = false): Advisory => ({
  id,
  aliases: [],
  summary: '',
  severity,
  malware,
});
const facts = (registry: RegistryFacts, advisories: Advisory[] = []): DependencyFacts => ({
  registry,
  vulnerabilities: { status: 'checked', advisories },
});

describe('decideVerdict with the default policy', () => {
  const cases: Array<[string, DependencyFacts, string, boolean, string[]]> = [
    ['clean', facts(found), 'ok', false, []],
    [
      'package missing',
      { registry: { status: 'package_missing', registry: 'http://r' }, vulnerabilities: { status: 'not_applicable' } },
      'fail',
      true,
      ['package does not exist in http://r'],
    ],
    [
      'version missing',
      {
        registry: { status: 'found', version: { status: 'missing', message: 'version 9.9.9 does not exist' } },
        vulnerabilities: { status: 'not_applicable' },
      },
      'fail',
      true,
      ['version 9.9.9 does not exist'],
    ],
    ['malware', facts(found, [advisory('MAL-1', 'unknown', true)]), 'fail', true, ['malware: MAL-1']],
    ['critical', facts(found, [advisory('GHSA-c', 'critical')]), 'fail', true, ['critical vulnerability GHSA-c']],
    ['high', facts(found, [advisory('GHSA-h', 'high')]), 'warn', false, ['high vulnerability GHSA-h']],
    ['moderate is off', facts(found, [advisory('GHSA-m', 'moderate')]), 'ok', false, []],
    ['unrated', facts(found, [advisory('GHSA-u', 'unknown')]), 'warn', false, ['unknown vulnerability GHSA-u']],
    ['yanked', facts({ ...found, yanked: { reason: null } }), 'fail', true, ['release 1.0.0 was yanked']],
    ['deprecated', facts({ ...found, deprecated: 'use y' }), 'warn', false, ['deprecated: use y']],
    [
      'install scripts',
      facts({ ...found, hasInstallScript: true }),
      'warn',
      false,
      ['runs install scripts (preinstall/install/postinstall) on install'],
    ],
    ['new', facts({ ...found, firstPublished: '2026-11-12T12:00:00.000Z' }), 'warn', false, ['first published 10 days ago (2026-11-12)']],
    ['30 days old is not new', facts({ ...found, firstPublished: '2026-10-23T12:00:00.000Z' }), 'ok', false, []],
    [
      'registry unreachable',
      { registry: { status: 'unverifiable', reason: 'npm registry unreachable: x' }, vulnerabilities: clean },
      'unverifiable',
      true,
      ['npm registry unreachable: x'],
    ],
    [
      'OSV unreachable',
      { registry: found, vulnerabilities: { status: 'unverifiable', reason: 'OSV unreachable: y' } },
      'unverifiable',
      true,
      ['OSV unreachable: y'],
    ],
    ['age unknown', facts({ ...found, ageUnverifiable: 'z' }), 'unverifiable', true, ['first-publish date unknown: z']],
    [
      'fail outranks unverifiable',
      { registry: { ...found, yanked: { reason: 'oops' } }, vulnerabilities: { status: 'unverifiable', reason: 'OSV down' } },
      'fail',
      true,
      ['release 1.0.0 was yanked: oops', 'OSV down'],
    ],
    [
      'severity unknown for want of details',
      facts(found, [{ ...advisory('GHSA-d', 'unknown'), detailsError: 'timeout' }]),
      'unverifiable',
      true,
      ['unknown vulnerability GHSA-d', 'severity of GHSA-d unknown: timeout'],
    ],
  ];
  it.each(cases)('%s → %s', (_, input, verdict, blocking, reasons) => {
    const decision = decideVerdict({ dependency: dep({ name: 'some-package' }), facts: input, policy: policyWith(), now: NOW, typosquat });
    expect(decision).toMatchObject({ verdict, blocking, reasons });
  });
});

describe('decideVerdict under other policies', () => {
  const cases: Array<[string, Record<string, unknown>, DependencyFacts, string, boolean]> = [
    ['yanked set to warn', { rules: { yanked: 'warn' } }, facts({ ...found, yanked: { reason: null } }), 'warn', false],
    ['high set to fail', { rules: { high_vulnerability: 'fail' } }, facts(found, [advisory('GHSA-h', 'high')]), 'fail', true],
    ['malware set off', { rules: { malware: 'off' } }, facts(found, [advisory('MAL-1', 'unknown', true)]), 'ok', false],
    [
      'unverifiable set to warn',
      { on_unverifiable: 'warn' },
      { registry: { status: 'unverifiable', reason: 'x' }, vulnerabilities: clean },
      'unverifiable',
      false,
    ],
    ['new window 5 days', { new_package_days: 5 }, facts({ ...found, firstPublished: '2026-11-12T12:00:00.000Z' }), 'ok', false],
  ];
  it.each(cases)('%s', (_, overrides, input, verdict, blocking) => {
    expect(
      decideVerdict({ dependency: dep({ name: 'some-package' }), facts: input, policy: policyWith(overrides), now: NOW, typosquat }),
    ).toMatchObject({ verdict, blocking });
  });

  const nonRegistry: Array<[string, string, boolean]> = [
    ['warn', 'unverifiable', false],
    ['fail', 'unverifiable', true],
  ];
  it.each(nonRegistry)('a file dependency with on_non_registry_source %s is %s, blocking %s', (level, verdict, blocking) => {
    const dependency = dep({ name: 'local', version: 'file:../local', source: 'file', resolved: 'file:../local' });
    const decision = decideVerdict({
      dependency,
      facts: { registry: { status: 'not_registry' }, vulnerabilities: { status: 'not_applicable' } },
      policy: policyWith({ on_non_registry_source: level }),
      now: NOW,
      typosquat,
    });
    expect(decision).toMatchObject({ verdict, blocking, reasons: ['not registry-verifiable: file dependency (file:../local)'] });
  });
});
