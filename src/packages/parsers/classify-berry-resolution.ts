import type { SourceKind } from '../types.ts';
import { splitNpmDescriptor } from './split-npm-descriptor.ts';

/** What the part after `name@` in a yarn berry `resolution` points at. */
export interface BerryResolution {
  source: SourceKind;
  /** The reference as written, without yarn's `::locator=…` bookkeeping. */
  resolved: string;
  /** For `patch:`: the package the patch applies to. */
  underlying?: { name: string; version: string };
}

const PROTOCOLS: ReadonlyArray<readonly [string, SourceKind]> = [
  ['npm:', 'registry'],
  ['workspace:', 'workspace'],
  ['portal:', 'portal'],
  ['link:', 'link'],
  ['file:', 'file'],
];

/**
 * Classifies a berry resolution reference (`npm:1.2.3`, `workspace:packages/a`, `patch:…`,
 * `portal:…`, `link:…`, `file:…`, git URLs with `#commit=…`, tarball URLs). A `patch:` is
 * reported as the patched package with source `patch`. Unknown protocols (such as `exec:`) run
 * local code, so they are reported as `file`.
 */
export function classifyBerryResolution(reference: string): BerryResolution {
  const resolved = reference.split('::')[0] ?? reference;
  if (reference.startsWith('patch:')) {
    const target = safeDecode(reference.slice('patch:'.length).split('#')[0] ?? '');
    const { name, range } = splitNpmDescriptor(target);
    const version = range.startsWith('npm:') ? range.slice(4) : range;
    return { source: 'patch', resolved, underlying: { name, version } };
  }
  const protocol = PROTOCOLS.find(([prefix]) => reference.startsWith(prefix));
  if (protocol) return { source: protocol[1], resolved };
  if (/#commit=|^(?:git\+|git:|ssh:|git@|github:)/i.test(reference) || /^https?:\/\/[^#]*\.git(?:#|$)/i.test(reference)) {
    return { source: 'git', resolved };
  }
  return { source: /^https?:\/\//i.test(reference) ? 'tarball' : 'file', resolved };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
