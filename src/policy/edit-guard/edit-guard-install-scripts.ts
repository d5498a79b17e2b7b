import type { EditGuardDecision } from './edit-guard-types.ts';

/**
 * The `package.json` scripts npm (and yarn, pnpm) run by themselves on `install`: for the package
 * itself and, for the first three, for every package that depends on it.
 */
export const INSTALL_SCRIPTS: readonly string[] = Object.freeze([
  'preinstall',
  'install',
  'postinstall',
  'prepublish',
  'preprepare',
  'prepare',
  'postprepare',
]);

type Scripts = { ok: true; scripts: Record<string, unknown> } | { ok: false; why: string };

/**
 * The install-script rule: an edit of any `package.json` may not add or change an install-time
 * script (`INSTALL_SCRIPTS`), since it would run on every machine and CI job that installs the
 * package. The scripts are compared after `JSON.parse`, which is how npm reads the file (a second
 * `"scripts"` key wins there too). Removing one is allowed. A new file that is not a JSON object
 * with an object of scripts is refused: what cannot be read cannot be checked. A base that cannot
 * be read counts as having no scripts.
 */
export function checkInstallScripts(path: string, baseContent: string | null, newContent: string): EditGuardDecision {
  if ((path.split('/').at(-1) ?? '').toLowerCase() !== 'package.json') return { allow: true };
  const shown = JSON.stringify(path);
  const next = scriptsOf(newContent);
  if (!next.ok) return deny(path, `refused to edit ${shown}: ${next.why}, so its install scripts cannot be checked`);
  const before = baseContent === null ? {} : scriptsOrNone(baseContent);
  for (const name of INSTALL_SCRIPTS) {
    const value = next.scripts[name];
    if (value === undefined || JSON.stringify(value) === JSON.stringify(before[name])) continue;
    const verb = before[name] === undefined ? 'add' : 'change';
    return deny(
      path,
      `refused to edit ${shown}: it would ${verb} the "${name}" script, which runs on every install; aos never writes install-time scripts`,
    );
  }
  return { allow: true };
}

function scriptsOf(text: string): Scripts {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, why: 'it would not be valid JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, why: 'it would not be a JSON object' };
  const scripts = (parsed as Record<string, unknown>).scripts;
  if (scripts === undefined) return { ok: true, scripts: {} };
  if (typeof scripts !== 'object' || scripts === null || Array.isArray(scripts))
    return { ok: false, why: 'its "scripts" would not be an object' };
  return { ok: true, scripts: scripts as Record<string, unknown> };
}

function scriptsOrNone(text: string): Record<string, unknown> {
  const read = scriptsOf(text);
  return read.ok ? read.scripts : {};
}

function deny(path: string, reason: string): EditGuardDecision {
  return { allow: false, rule: 'install_script', path, reason };
}
