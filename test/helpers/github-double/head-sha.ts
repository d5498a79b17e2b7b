import type { DoublePull, DoubleRepo } from './state.ts';

/** A pull request's head commit: where its branch is now, or where it was when the branch is gone. */
export const headSha = (repo: DoubleRepo, pull: DoublePull) => repo.branches[pull.head.ref] ?? pull.head.sha;
