import type { Dependency } from '../types.ts';
import { classifyNpmSpec } from './classify-npm-spec.ts';

/**
 * Builds the dependency a manifest declares as `"key": "spec"`: the real package for `npm:`
 * aliases (the key becomes `alias`), the spec as `resolved` for anything that is not a registry
 * range, and the spec itself as the version (manifests declare ranges, not versions).
 */
export function npmDependencyFromSpec(key: string, spec: string, file: string, line: number): Dependency {
  const classified = classifyNpmSpec(spec);
  const dependency: Dependency = {
    name: classified.realName ?? key,
    version: classified.range,
    ecosystem: 'npm',
    source: classified.source,
    file,
    line,
  };
  if (classified.source !== 'registry') dependency.resolved = spec;
  if (classified.realName !== undefined && classified.realName !== key) dependency.alias = key;
  return dependency;
}
