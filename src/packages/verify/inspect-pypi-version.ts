import { maxSatisfyingPep440 } from '../pypi/match-pep440-specifier.ts';
import type { PypiProjectInfo } from '../pypi/pypi-project-info.ts';

/** What a declared PyPI specifier comes to: an exact pin (to be checked by release), a resolved version, or none. */
export type PypiVersionInspection =
  | { kind: 'pin'; version: string }
  | { kind: 'resolved'; version: string; yanked?: { reason: string | null } }
  | { kind: 'missing'; message: string };

/**
 * Reads a declared version: a bare version (what parsers report for `==x`) is a pin whose
 * release is looked up on its own; a specifier (`>=2,<3`, '' for any) resolves to the highest
 * non-yanked release that matches, as pip would install. Pure.
 */
export function inspectPypiVersion(info: PypiProjectInfo, declared: string): PypiVersionInspection {
  const spec = declared.trim();
  if (spec !== '' && !/[<>=!~,*\s]/.test(spec)) return { kind: 'pin', version: spec };
  const installable = info.versions.filter((version) => !(version in info.yanked));
  const resolved = maxSatisfyingPep440(installable, spec);
  if (resolved !== null) return { kind: 'resolved', version: resolved };
  const hint = info.latest === undefined ? '' : ` (latest is ${info.latest})`;
  return { kind: 'missing', message: spec === '' ? 'project has no installable release' : `no release matches ${spec}${hint}` };
}
