import type { Dependency, SourceKind } from '../types.ts';
import { normalizePythonName } from './normalize-python-name.ts';

const NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?';
const CLAUSE = '(?:~=|===|==|!=|<=|>=|<|>)\\s*[^\\s,;()]+';
const PEP_508 = new RegExp(`^(${NAME})\\s*(?:\\[[^\\]]*\\])?\\s*(?:\\(?\\s*(${CLAUSE}(?:\\s*,\\s*${CLAUSE})*)\\s*\\)?)?\\s*(?:;.*)?$`);
const DIRECT_REFERENCE = new RegExp(`^(${NAME})\\s*(?:\\[[^\\]]*\\])?\\s*@\\s*(\\S+)\\s*(?:;.*)?$`);
const VCS = /^(?:git|hg|svn|bzr)\+/i;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const ARCHIVE = /\.(?:whl|tar\.gz|tgz|tar\.bz2|tar\.xz|tar|zip)$/i;
// pip expands `${NAME}` (upper case, digits, underscore) from the environment, and nothing else.
const PLACEHOLDER = /\$\{[A-Z0-9_]+\}/;

/**
 * Reads one requirement (options already removed): a PEP 508 requirement with extras,
 * specifiers and markers, a direct reference `name @ url`, a VCS URL (`git+https://…#egg=name`),
 * a URL or local path to an archive or project folder (named by `#egg=`, the file name, or else
 * by the location itself), or a requirement whose name or version is a `${VAR}` placeholder. Only
 * the first kind is a registry dependency. An `editable` one must be a path or a VCS URL, as pip
 * demands. Returns an error message when the text is no requirement.
 */
export function parseRequirementSpec(spec: string, file: string, line: number, editable = false): Dependency | { error: string } {
  const isUrl = URL_SCHEME.test(spec) || VCS.test(spec);
  const isPath = !isUrl && (/[/\\]|^\.{1,2}$/.test(spec) || ARCHIVE.test(spec));
  const direct = isUrl || editable ? null : DIRECT_REFERENCE.exec(spec);
  if (direct) return located(normalizePythonName(direct[1] ?? ''), direct[2] ?? '', file, line);
  if (isUrl || isPath) return located(eggName(spec) ?? nameFromLocation(spec, isPath) ?? spec, spec, file, line);
  if (editable) return { error: `-e needs a local path or a VCS URL (git+…), not ${JSON.stringify(spec)}` };
  const requirement = spec.split(';')[0] ?? '';
  if (PLACEHOLDER.test(requirement)) {
    const written = /^[^\s[(<>=!~;@]+/.exec(requirement)?.[0] ?? requirement;
    const name = PLACEHOLDER.test(written) ? written : normalizePythonName(written);
    return { name, version: '', ecosystem: 'pypi', source: 'placeholder', resolved: spec, file, line, direct: true };
  }
  const match = PEP_508.exec(spec);
  if (!match) return { error: `cannot read ${JSON.stringify(spec)} as a requirement` };
  return {
    name: normalizePythonName(match[1] ?? ''),
    version: specifierOf(match[2] ?? ''),
    ecosystem: 'pypi',
    source: 'registry',
    file,
    line,
    direct: true,
  };
}

/** A dependency that points at a location (VCS, URL, path) rather than a registry version. */
function located(name: string, location: string, file: string, line: number): Dependency {
  const source = locationKind(location);
  const shown = name === location ? name : normalizePythonName(name);
  return { name: shown, version: '', ecosystem: 'pypi', source, resolved: location, file, line, direct: true };
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

/** The distribution name in a wheel or sdist file name, or a local project folder's name. */
function nameFromLocation(location: string, isPath: boolean): string | undefined {
  const path = location.replace(/[?#].*$/, '').replace(/[/\\]+$/, '');
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  if (/\.whl$/i.test(base)) return base.split('-')[0];
  if (ARCHIVE.test(base)) return /^(.+?)-\d/.exec(base.replace(ARCHIVE, ''))?.[1];
  return isPath && new RegExp(`^${NAME}$`).test(base) ? base : undefined;
}
