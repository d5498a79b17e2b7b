import { AosError } from '../observability/aos-error.ts';

/** One thing wrong with one configuration source. */
export interface ConfigProblem {
  /** The file as the operator knows it (a path), or `environment` for environment variables. */
  file: string;
  /** Where inside the file: a YAML path like `phases.1.daily_eur_cap`, or a variable name; '' for the whole file. */
  path: string;
  /** What is wrong, in one line, never containing a secret value. */
  problem: string;
  /** 1-based line in `file`, when known. */
  line?: number | undefined;
}

/** Renders one problem as the single line an operator reads: `<file>[:<line>]: <path>: <problem>`. */
export function formatConfigProblem({ file, path, problem, line }: ConfigProblem): string {
  const where = line === undefined ? file : `${file}:${line}`;
  const text = problem.replace(/\s*\n\s*/g, ' ');
  return path === '' ? `${where}: ${text}` : `${where}: ${path}: ${text}`;
}

/**
 * Bad configuration: stops start-up with exit code 2. The message has one line per problem, each
 * starting with the file name, so an operator can fix everything in one pass. `file`, `path`,
 * `problem` and `line` describe the first problem; `problems` holds them all.
 */
export class ConfigError extends AosError {
  readonly file: string;
  readonly path: string;
  readonly problem: string;
  readonly line: number | undefined;
  readonly problems: readonly ConfigProblem[];
  readonly exitCode = 2;

  /** `problems` should not be empty; if it is, the error still says the configuration is invalid. */
  constructor(problems: readonly ConfigProblem[], options: { cause?: unknown } = {}) {
    const first = problems[0] ?? { file: 'configuration', path: '', problem: 'invalid' };
    const all = problems.length > 0 ? problems : [first];
    super('config_invalid', all.map(formatConfigProblem).join('\n'), { retryable: false, cause: options.cause });
    this.file = first.file;
    this.path = first.path;
    this.problem = first.problem;
    this.line = first.line;
    this.problems = all;
  }
}
