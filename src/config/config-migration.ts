import type { ConfigProblem } from './config-error.ts';
import { findYamlLine } from './find-yaml-line.ts';
import { formatConfigPath } from './format-config-path.ts';
import type { YamlSource } from './parse-yaml-document.ts';

/** A place in a configuration file: the file as named in messages and the path inside it. */
export interface ConfigLocation {
  file: string;
  segments: readonly PropertyKey[];
}

/** A mapping in the data being migrated, with where it is now (canonical) and where it was written (original). */
export interface MigrationNode {
  file: string;
  object: Record<string, unknown>;
  canonical: readonly PropertyKey[];
  original: readonly PropertyKey[];
}

/**
 * The state of turning files written with older key names into the specification's names: which
 * values moved where (so a problem still points at the line the operator wrote), the deprecation
 * notes, grouped per renamed key, and conflicts between an old and a new spelling of one setting.
 */
export interface Migration {
  sources: ReadonlyMap<string, YamlSource>;
  problems: ConfigProblem[];
  moves: Array<{ to: ConfigLocation; from: ConfigLocation }>;
  deprecations: Map<string, { first: ConfigProblem; lines: number[] }>;
}

/** A fresh migration over the parsed files. */
export function createMigration(sources: readonly YamlSource[]): Migration {
  return { sources: new Map(sources.map((source) => [source.file, source])), problems: [], moves: [], deprecations: new Map() };
}

const startsWith = (segments: readonly PropertyKey[], prefix: readonly PropertyKey[]) =>
  prefix.length <= segments.length && prefix.every((segment, index) => String(segment) === String(segments[index]));

/** Where the value now at `at` was written: the longest moved prefix, mapped back. */
export function originalLocation(migration: Migration, at: ConfigLocation): ConfigLocation {
  let best: { to: ConfigLocation; from: ConfigLocation } | undefined;
  for (const move of migration.moves) {
    if (
      move.to.file === at.file &&
      startsWith(at.segments, move.to.segments) &&
      (!best || move.to.segments.length > best.to.segments.length)
    )
      best = move;
  }
  if (!best) return at;
  return { file: best.from.file, segments: [...best.from.segments, ...at.segments.slice(best.to.segments.length)] };
}

/**
 * The line of `at` (a canonical location) in the file it was written in. With `exact`, undefined
 * unless that very node exists, so a default is never credited to its parent's line.
 */
export function lineOf(
  migration: Migration,
  at: ConfigLocation,
  options: { exact?: boolean } = {},
): { file: string; line: number | undefined; segments: readonly PropertyKey[] } {
  const from = originalLocation(migration, at);
  const source = migration.sources.get(from.file);
  const line = source ? findYamlLine(source, from.segments, options) : undefined;
  return { file: from.file, line, segments: from.segments };
}

/** Notes that the key at `at` (where it was written) uses an old name; one line per `rule`, listing every line it occurs on. */
export function deprecate(migration: Migration, rule: string, at: ConfigLocation, use: string): void {
  const source = migration.sources.get(at.file);
  const line = source ? findYamlLine(source, at.segments) : undefined;
  const key = `${at.file}\u0000${rule}`;
  const known = migration.deprecations.get(key);
  if (known) {
    if (line !== undefined) known.lines.push(line);
    return;
  }
  migration.deprecations.set(key, {
    first: { file: at.file, path: formatConfigPath(at.segments), line, problem: `deprecated: ${use}` },
    lines: [],
  });
}

/** The deprecation notes, one per renamed key, in file order. */
export function deprecationWarnings(migration: Migration): ConfigProblem[] {
  return [...migration.deprecations.values()].map(({ first, lines }) => {
    const also = [...new Set(lines)].filter((line) => line !== first.line);
    return also.length === 0
      ? first
      : { ...first, problem: `${first.problem} (also on line${also.length > 1 ? 's' : ''} ${also.join(', ')})` };
  });
}

/** True when two plain YAML values are the same setting value. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) => Object.hasOwn(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

const show = (value: unknown) => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));

/**
 * Puts `value`, written at `from`, at `to` (canonical, inside `root`, the migrated data of
 * `to.file`), creating mappings on the way. When `to` already holds a different value, both were
 * given for one setting: that is a conflict, reported at the old spelling, naming the new one.
 */
export function placeValue(
  migration: Migration,
  root: Record<string, unknown>,
  to: ConfigLocation,
  from: ConfigLocation,
  value: unknown,
): void {
  let node = root;
  for (const segment of to.segments.slice(0, -1)) {
    const next = node[String(segment)];
    if (next === undefined) node[String(segment)] = {};
    else if (typeof next !== 'object' || next === null || Array.isArray(next)) return;
    node = node[String(segment)] as Record<string, unknown>;
  }
  const key = String(to.segments.at(-1));
  if (Object.hasOwn(node, key)) {
    if (!sameValue(node[key], value)) {
      const other = lineOf(migration, to);
      const where = `${other.file === from.file ? '' : `${other.file} `}${formatConfigPath(other.segments)}${other.line === undefined ? '' : ` (line ${other.line})`}`;
      const source = migration.sources.get(from.file);
      migration.problems.push({
        file: from.file,
        path: formatConfigPath(from.segments),
        line: source ? findYamlLine(source, from.segments) : undefined,
        problem: `conflicts with ${where}: ${show(value)} here, ${show(node[key])} there; give this setting once`,
      });
    }
    return;
  }
  node[key] = value;
  migration.moves.push({ to, from });
}

/** The mapping under `key` of `node` as a node of its own, or undefined when it is not a mapping. */
export function childNode(node: MigrationNode, key: string, originalKey: string = key): MigrationNode | undefined {
  const value = node.object[key];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return {
    file: node.file,
    object: value as Record<string, unknown>,
    canonical: [...node.canonical, key],
    original: [...node.original, originalKey],
  };
}

/** Every mapping-valued entry of `node` as a node (for records keyed by provider, phase, task). */
export function childNodes(node: MigrationNode | undefined): MigrationNode[] {
  if (!node) return [];
  return Object.keys(node.object).flatMap((key) => childNode(node, key) ?? []);
}

/**
 * Renames `oldKey` of `node` to `newKey` (converting the value when the meaning's unit changed),
 * noting the deprecation under `rule` with the advice `use`. Both spellings with different values
 * are a conflict.
 */
export function renameKey(
  migration: Migration,
  root: Record<string, unknown>,
  node: MigrationNode,
  oldKey: string,
  newKey: string,
  options: { rule: string; use: string; convert?: (value: unknown) => unknown },
): void {
  if (!Object.hasOwn(node.object, oldKey)) return;
  const from = { file: node.file, segments: [...node.original, oldKey] };
  const value = options.convert ? options.convert(node.object[oldKey]) : node.object[oldKey];
  delete node.object[oldKey];
  deprecate(migration, options.rule, from, options.use);
  placeValue(migration, root, { file: node.file, segments: [...node.canonical, newKey] }, from, value);
}
