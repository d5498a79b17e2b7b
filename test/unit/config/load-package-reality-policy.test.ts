import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '#src/config/config-error.ts';
import { loadPackageRealityPolicy } from '#src/config/load-package-reality-policy.ts';
import { packageRealitySchema } from '#src/config/package-reality-schema.ts';

const projectRoot = path.resolve(import.meta.dirname, '../../..');

describe('package reality policy', () => {
  it('ships configs/package_reality.yaml equal to the built-in defaults', () => {
    expect(loadPackageRealityPolicy(projectRoot)).toEqual(packageRealitySchema.parse({}));
  });

  it('uses the defaults when the file is absent', () => {
    expect(loadPackageRealityPolicy(mkdtempSync(path.join(tmpdir(), 'aos-policy-'))).rules.yanked).toBe('fail');
  });

  it('names the file, path and line of a bad value or unknown key', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aos-policy-'));
    mkdirSync(path.join(dir, 'configs'));
    writeFileSync(path.join(dir, 'configs/package_reality.yaml'), 'rules:\n  yanked: maybe\non_unverifiable: fail\nsurprise: 1\n');
    const error = (() => {
      try {
        loadPackageRealityPolicy(dir);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^configs\/package_reality\.yaml:2: rules\.yanked: .*fail, warn or off/m);
    expect((error as Error).message).toMatch(/surprise/);
  });
});
