/**
 * Limits on what a dependency file may ask of the parsers. Real lockfiles stay far below them; a
 * hostile file that goes past one is a problem at its line instead of a stack overflow, an
 * out-of-memory crash or minutes of CPU in the worker.
 */
export const PARSE_LIMITS = {
  /** Nesting of arrays and objects (JSON) or of collections (YAML). */
  maxDepth: 256,
  /** YAML aliases per document: lockfile writers never emit one, so any number is suspicious; this many is an attack. */
  maxYamlAliases: 100,
} as const;
