import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// ajv 6 is what eslint (a devDependency) brings; it validates draft-07, the target of the generated schemas.
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildConfigJsonSchemas, SCHEMA_DIR } from '../../../scripts/lib/config-json-schemas.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SAMPLES = path.join(PROJECT_ROOT, 'test/fixtures/spec-samples');
const generated = buildConfigJsonSchemas();
const read = (file: string) => fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');

/** A validator for the committed schema `schema` (e.g. finops.json). */
function validator(schema: string) {
  const ajv = new Ajv({ allErrors: true });
  return ajv.compile(JSON.parse(read(`${SCHEMA_DIR}/${schema}`)) as object);
}

/** The errors of `document` against `schema`, as `<path> <message>` lines; [] when valid. */
function errors(schema: string, document: unknown): string[] {
  const validate = validator(schema);
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error) => `${error.dataPath} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

const SHIPPED = [
  ['finops.json', 'policies/finops.yaml'],
  ['model_routing.json', 'configs/model_routing.yaml'],
  ['vendor_residency.json', 'configs/vendor_residency.yaml'],
  ['notifications.json', 'configs/notifications.yaml'],
  ['package_reality.json', 'configs/package_reality.yaml'],
] as const;

describe('the JSON Schemas of the configuration files', () => {
  it.each(generated.map((entry) => [entry.schema, entry.text] as const))(
    '%s is committed as generated (run npm run schemas)',
    (schema, text) => {
      expect(read(`${SCHEMA_DIR}/${schema}`)).toBe(text);
    },
  );

  it.each(SHIPPED)('%s validates the shipped %s, which names it on its first line', (schema, file) => {
    const text = read(file);
    const target = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)?.[1];
    expect(target && path.resolve(PROJECT_ROOT, path.dirname(file), target)).toBe(path.join(PROJECT_ROOT, SCHEMA_DIR, schema));
    expect(errors(schema, parse(text))).toEqual([]);
  });

  it.each(SHIPPED.slice(0, 3))("%s validates the specification's sample %s", (schema, file) => {
    expect(errors(schema, parse(fs.readFileSync(path.join(SAMPLES, file), 'utf8')))).toEqual([]);
  });

  it('validates a .github/aos.yml and refuses the keys a repository may not set', () => {
    expect(
      errors('aos.json', {
        max_iterations: 3,
        deny_globs: ['secrets/**'],
        draft: 'always',
        reviewers: ['octocat'],
        budget: { run_cap_eur: 2 },
      }),
    ).toEqual([]);
    expect(errors('aos.json', { providers: { openai: {} } })).toEqual(['.providers should NOT be valid {}']);
  });

  it.each([
    [
      'finops.json',
      'policies/finops.yaml',
      'daily_eur_cap: 450',
      'daily_eur_caps: 450',
      '.phases[\'1\'] should NOT have additional properties {"additionalProperty":"daily_eur_caps"}',
    ],
    [
      'model_routing.json',
      'configs/model_routing.yaml',
      'preferred_provider: anthropic',
      'prefered_provider: anthropic',
      '.task_types.coding should NOT have additional properties {"additionalProperty":"prefered_provider"}',
    ],
    [
      'vendor_residency.json',
      'configs/vendor_residency.yaml',
      'log_all_requests: true',
      'log_all_request: true',
      '.enforcement should NOT have additional properties {"additionalProperty":"log_all_request"}',
    ],
  ])('%s refuses a misspelled key in %s', (schema, file, from, to, expected) => {
    const document = parse(read(file).replace(from, to)) as unknown;
    expect(errors(schema, document)).toContain(expected);
  });
});
