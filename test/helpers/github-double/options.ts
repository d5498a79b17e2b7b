/** A repository permission as GitHub's role names have it. */
export type DoublePermission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

/** One repository to serve. */
export interface DoubleRepoSeed {
  defaultBranch?: string;
  /** Path → text of the first commit on the default branch. */
  files: Record<string, string>;
  /** Issues created in order (#1, #2, …). */
  issues?: Array<{ title: string; body?: string; user?: string }>;
}

/** Options of `startGithubDouble`. */
export interface GithubDoubleOptions {
  repos: Record<string, DoubleRepoSeed>;
  /** login → permission; anyone else is not a user (404). */
  collaborators?: Record<string, DoublePermission>;
  /** The GitHub App; its JWTs are checked against `publicKey` when given. */
  app?: { id: number; slug?: string; publicKey?: string };
}
