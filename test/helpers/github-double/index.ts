/**
 * A stateful, local stand-in for the GitHub REST API (under `/api/v3`, as Probot addresses GitHub
 * Enterprise via GHE_HOST) and the one GraphQL mutation aos uses (`/api/graphql`). It implements
 * exactly the calls aos makes, keeps what they did (git objects as real trees, comments, reviews,
 * check runs, labels, reactions) in `state` for assertions, records every request in `requests`,
 * and answers any other route with a 404 that names it, so a missing route is obvious.
 *
 * The routes live one file per resource (`*-routes.ts`), as GitHub's REST reference groups them.
 */
export { startGithubDouble, type GithubDouble } from './start-github-double.ts';
export type { DoublePermission, DoubleRepoSeed, GithubDoubleOptions } from './options.ts';
export type {
  DoubleAnnotation,
  DoubleCheckRun,
  DoubleComment,
  DoubleIssue,
  DoublePull,
  DoubleReaction,
  DoubleRepo,
  DoubleRequest,
  DoubleReview,
  DoubleReviewComment,
  DoubleState,
  DoubleStatus,
  DoubleUser,
} from './state.ts';
export type { WebhookPayload } from './webhook-payloads.ts';
export { ACTIONS_APP, type CiCheck } from './complete-ci.ts';
