import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDependencyVerifier } from '#src/agents/create-dependency-verifier.ts';
import { packageRealitySchema } from '#src/config/package-reality-schema.ts';
import { createPackageClients } from '#src/packages/create-package-clients.ts';
import { startRegistryDouble, type RegistryDouble } from '../../helpers/registry-double.ts';

const OLD = '2020-01-01T00:00:00.000Z';
const VERSIONS: Record<string, string[]> = { lodash: ['4.17.21'], express: ['4.21.2'] };

let registry: RegistryDouble;
let baseUrl = '';

beforeAll(async () => {
  registry = await startRegistryDouble({ npm: VERSIONS, modified: OLD });
  baseUrl = registry.url;
});
afterAll(() => registry.close());
beforeEach(() => {
  registry.requests.length = 0;
});

const manifest = (deps: Record<string, string>) => `${JSON.stringify({ name: 'demo', version: '1.0.0', dependencies: deps }, null, 2)}\n`;
const BASE: Record<string, string> = { 'package.json': manifest({ lodash: '4.17.21' }), 'src/index.ts': 'export {};\n' };

function verifier() {
  const policy = packageRealitySchema.parse({});
  let built = 0;
  const verify = createDependencyVerifier({
    policy,
    readBase: async (path) => BASE[path] ?? null,
    clients: async () => {
      built += 1;
      return createPackageClients({
        npmRegistries: { defaultRegistry: `${baseUrl}/npm`, scopes: {}, origin: 'test' },
        osvUrl: `${baseUrl}/osv`,
        policy,
        baseDelayMs: 1,
      }).clients;
    },
  });
  return { verify, built: () => built };
}
// The overlay's view, which the QA node passes: it must not be mistaken for the base.
const overlayRead = async () => manifest({ lodash: '4.17.21', 'lodash-utils-pro': '^2.0.0' });

describe('createDependencyVerifier', () => {
  it('passes a change without dependency files, with no registry request and no clients built', async () => {
    const { verify, built } = verifier();
    expect(await verify.verifyChanges(new Map([['src/index.ts', 'export const x = 1;\n']]), overlayRead)).toEqual({
      passed: true,
      evidence: 'no dependency added or changed',
      findings: [],
    });
    expect(registry.requests).toEqual([]);
    expect(built()).toBe(0);
  });

  it('checks only the added dependency, fails a package that does not exist, and places it at its line', async () => {
    const { verify } = verifier();
    const result = await verify.verifyChanges(
      new Map([['package.json', manifest({ lodash: '4.17.21', 'lodash-utils-pro': '^2.0.0' })]]),
      overlayRead,
    );
    expect(result.passed).toBe(false);
    expect(registry.requests.filter((request) => request.startsWith('GET'))).toEqual(['GET /npm/lodash-utils-pro']);
    expect(result.findings).toEqual([
      { path: 'package.json', line: 6, message: expect.stringMatching(/^lodash-utils-pro@\^2\.0\.0: package does not exist/) },
    ]);
    expect(result.evidence).toMatch(
      /^1 dependency added or changed: 0 ok, 0 warn, 1 fail, 0 unverifiable \(1 blocking\); lodash-utils-pro@\^2\.0\.0 package\.json:6: package does not exist/,
    );
  });

  it('fails a change that leaves package.json unreadable, with the problem at its line, even when no dependency changed', async () => {
    const { verify } = verifier();
    const result = await verify.verifyChanges(
      new Map([['package.json', '{\n  "dependencies": {\n    "lodash": "4.17.21",\n']]),
      overlayRead,
    );
    expect(result.passed).toBe(false);
    expect(result.findings).toEqual([
      { path: 'package.json', line: 4, message: expect.stringMatching(/^aos could not read this dependency file: invalid JSON/) },
    ]);
    expect(result.evidence).toContain('1 dependency file problem');
  });

  it('passes a real added dependency', async () => {
    const { verify } = verifier();
    const result = await verify.verifyChanges(new Map([['package.json', manifest({ lodash: '4.17.21', express: '4.21.2' })]]), overlayRead);
    expect(result).toMatchObject({ passed: true, findings: [] });
    expect(result.evidence).toMatch(/^1 dependency added or changed: 1 ok/);
  });
});
