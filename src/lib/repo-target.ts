import type { ProbotOctokit } from 'probot';

/** The repository a GitHub call acts on, with the installation's authenticated client. */
export interface RepoTarget {
  octokit: ProbotOctokit;
  owner: string;
  repo: string;
}
