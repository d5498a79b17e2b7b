import type { Dependency, SourceKind } from '../types.ts';
import { normalizePythonName } from './normalize-python-name.ts';

const NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?';
const CLAUSE = '(?:~=|===|==|!=|<=|>=|<|>)\\s*[^\\s,;()]+';
const PEP_508 = new RegExp(`^(${NAME})\\s*(?:\\[[^\\]]*\\])?\\s*(?:\\(?\\s*(${CLAUSE}(?:\\s*,\\s*${CLAUSE})*)\\s*\\)?)?\\s*(?:;.*)?$`);
const DIRECT_REFERENCE = new RegExp(`^(${NAME})\\s*(?:\\[[^\\]]*\\])?\\s*@\\s*(\\S+)\\s*(?:;.*)?$`);
const VCS = /^(?:git|hg|svn|bzr)\+/i;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const ARCHIVE = /\.(?:whl|tar\.gz|tgz|tar\.bz2|tar\.xz|tar|zip)$/i;

/**
 * Reads one requirement (options such as `--hash` already removed): a PEP 508 requirement with
 * extras, specifiers and markers, a direct reference `name @ url`, a VCS URL (`git+https://…#egg=name`),
 * a URL or local path to an archive or project folder. Returns an error message when the line is
 * not a requirement or its package name cannot be told.
 */
export function parseRequirementSpec(spec: string, file: string, line: number): Dependency | { error: string } {
  const isUrl = URL_SCHEME.test(spec) || VCS.test(spec);
  const direct = isUrl ? null : DIRECT_REFERENCE.exec(spec);
  if (direct) return located(direct[1] ?? '', direct[2] ?? '', file, line);
  const requirement = PEP_508.exec(spec);
  if (requirement && !ARCHIVE.test(spec.split(';')[0]?.trim() ?? '')) {
    const name = normalizePythonName(requirement[1] ?? '');
    return { name, version: specifierOf(requirement[2] ?? ''), ecosystem: 'pypi', source: 'registry', file, line, direct: true };
  }
  if (!isUrl && !/[/\\]|^\.{1,2}$/.test(spec) && !ARCHIVE.test(spec)) {
    return { error: `cannot read ${JSON.stringify(spec)} as a requirement` };
  }
  const name = eggName(spec) ?? nameFromLocation(spec);
  if (name === undefined) {
    return { error: `cannot tell the package name of ${JSON.stringify(spec)}: add "#egg=<name>" or write "<name> @ <url>"` };
  }
  return located(name, spec, file, line);
}

/** A dependency that points at a location (VCS, URL, path) rather than a registry version. */
function located(name: string, location: string, file: string, line: number): Dependency {
  const source = locationKind(location);
  return { name: normalizePythonName(name), version: '', ecosystem: 'pypi', source, resolved: location, file, line, direct: true };
}

/** A single exact pin is reported as the bare version, as a lockfile would; anything else as written. */
function specifierOf(raw: string): string {
  const specifier = raw.replace(/\s+/g, '');
  return /^==[^=,*]+$/.test(specifier) ? specifier.slice(2) : specifier;
}

function locationKind(location: string): SourceKind {
  if (VCS.test(location)) return 'git';
  if (/^https?:\/\//i.test(location)) return 'tarball';
  return 'file';
}

function eggName(location: string): string | undefined {
  return /#(?:[^#]*&)?egg=([^&\s]+)/.exec(location)?.[1];
}

/** The distribution name in a wheel or sdist file name, or a project folder's name. */
function nameFromLocation(location: string): string | undefined {
  const path = location.replace(/[?#].*$/, '').replace(/[/\\]+$/, '');
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  if (/\.whl$/i.test(base)) return base.split('-')[0];
  if (ARCHIVE.test(base)) return /^(.+?)-\d/.exec(base.replace(ARCHIVE, ''))?.[1];
  return new RegExp(`^${NAME}$`).test(base) ? base : undefined;
}
