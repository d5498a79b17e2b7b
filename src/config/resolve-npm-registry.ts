import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where npm packages are looked up: a default registry, registries per scope, and where that came from. */
export interface NpmRegistryConfig {
  /** Registry base URL without a trailing slash; null when none could be found. */
  defaultRegistry: string | null;
  /** `@scope` → registry base URL, from `@scope:registry=` lines and `npm_config_@scope:registry`. */
  scopes: Record<string, string>;
  /** Which setting supplied `defaultRegistry`, for the report (`AOS_NPM_REGISTRY`, `~/.npmrc`, …). */
  origin: string;
}

/** Inputs of `resolveNpmRegistry`; every field defaults to the real process. */
export interface ResolveNpmRegistryOptions {
  env?: NodeJS.ProcessEnv;
  /** Project folder whose `.npmrc` is read. */
  cwd?: string;
  home?: string;
  /** Runs `npm config get registry`; default spawns npm once per process and caches the answer. */
  npmConfigGet?: () => Promise<string | null>;
}

let npmConfigAnswer: Promise<string | null> | undefined;

/** `npm config get registry`, spawned at most once per process. */
function spawnNpmConfigGet(): Promise<string | null> {
  npmConfigAnswer ??= new Promise((resolve) => {
    execFile('npm', ['config', 'get', 'registry'], { timeout: 15_000 }, (error, stdout) => {
      const value = stdout.trim();
      resolve(error || !/^https?:\/\//.test(value) ? null : value);
    });
  });
  return npmConfigAnswer;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** Reads `registry=` and `@scope:registry=` from an npmrc file, expanding `${VAR}`; {} when absent. */
function readNpmrc(path: string, env: NodeJS.ProcessEnv): { registry?: string; scopes: Record<string, string> } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { scopes: {} };
  }
  const result: { registry?: string; scopes: Record<string, string> } = { scopes: {} };
  for (const raw of text.split(/\r?\n/)) {
    const match = /^\s*(@[^:=\s]+:)?registry\s*=\s*(.+?)\s*$/.exec(raw);
    if (!match?.[2]) continue;
    const value = trimSlash(match[2].replace(/^["']|["']$/g, '').replace(/\$\{([^}]+)\}/g, (_, name: string) => env[name] ?? ''));
    if (match[1]) result.scopes[match[1].slice(0, -1)] = value;
    else result.registry = value;
  }
  return result;
}

/**
 * Finds the npm registry the way the user's npm would: `AOS_NPM_REGISTRY` (wins for every package,
 * scoped ones included, as an explicit operator choice), then `NPM_CONFIG_REGISTRY` /
 * `npm_config_registry`, then `registry=` in the project's `.npmrc` and in `~/.npmrc`, then
 * `npm config get registry`. Scoped registries come from `@scope:registry=` lines (project file
 * first) and `npm_config_@scope:registry` variables. No registry host is built in.
 */
export async function resolveNpmRegistry(options: ResolveNpmRegistryOptions = {}): Promise<NpmRegistryConfig> {
  const env = options.env ?? process.env;
  const explicit = env.AOS_NPM_REGISTRY?.trim();
  if (explicit) return { defaultRegistry: trimSlash(explicit), scopes: {}, origin: 'AOS_NPM_REGISTRY' };
  const project = readNpmrc(join(options.cwd ?? process.cwd(), '.npmrc'), env);
  const user = readNpmrc(join(options.home ?? homedir(), '.npmrc'), env);
  const scopes = { ...user.scopes, ...project.scopes };
  for (const [name, value] of Object.entries(env)) {
    const scope = /^npm_config_(@[^:]+):registry$/i.exec(name)?.[1];
    if (scope && value) scopes[scope] = trimSlash(value);
  }
  const fromEnv = (env.NPM_CONFIG_REGISTRY ?? env.npm_config_registry)?.trim();
  if (fromEnv) return { defaultRegistry: trimSlash(fromEnv), scopes, origin: 'npm_config_registry' };
  if (project.registry) return { defaultRegistry: project.registry, scopes, origin: '.npmrc' };
  if (user.registry) return { defaultRegistry: user.registry, scopes, origin: '~/.npmrc' };
  const spawned = await (options.npmConfigGet ?? spawnNpmConfigGet)();
  return { defaultRegistry: spawned === null ? null : trimSlash(spawned), scopes, origin: 'npm config get registry' };
}
