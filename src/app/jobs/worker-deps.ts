import type { ProbotOctokit } from 'probot';
import type { AosJob, CommandJob } from './job-types.ts';
import type { CiSettings } from './ci-settings.ts';
import type { DependencyVerifier } from '../../agents/agent-context.ts';
import type { OpenWorkspace } from '../../agents/workspace-types.ts';
import type { Notification } from '../../notify/notification-types.ts';
import type { AosConfig } from '../../config/index.ts';
import type { Router } from '../../llm/router.ts';
import type { Logger } from '../../observability/logger.ts';
import type { Metrics } from '../../observability/metrics.ts';
import type { PackageRealityPolicy } from '../../config/package-reality-schema.ts';
import type { PackageClients } from '../../packages/verify/package-clients.ts';
import type { BudgetGuardian } from '../../state/budget/budget-guardian.ts';
import type { Ledger } from '../../state/ledger/ledger.ts';
import type { RunStore } from '../../state/run-store.ts';
import type { StateRepository } from '../../state/state-repository.ts';

/** Everything a worker needs to turn a job into GitHub writes. Built once in main.ts or `aos worker`. */
export interface WorkerDeps {
  octokitFor(installationId: number): Promise<ProbotOctokit>;
  config: AosConfig;
  router: Pick<Router, 'route'>;
  guardian: BudgetGuardian;
  ledger: Ledger;
  stateRepository: StateRepository;
  runStore: RunStore;
  logger: Logger;
  /** Registry and OSV clients, built on first use. */
  packageClients: () => Promise<PackageClients>;
  packagePolicy: PackageRealityPolicy;
  /** Opens a run's workspace on GitHub (the repository's tree at a commit, with the run's edit guard). */
  openWorkspace: OpenWorkspace;
  dependencyVerifier?: DependencyVerifier;
  /** Publishes a notification (run finished or failed, residency violation, package-reality failure). */
  notify?: (notification: Notification) => Promise<void>;
  /** Metrics the worker moves after each run and check run. */
  metrics?: Metrics;
  /** Requests of an installation's rate limit a new run leaves to everything else (AOS_GITHUB_RATE_LIMIT_FLOOR). */
  githubRateLimitFloor?: number;
  /** Puts a command job back on the queue to run after `delayMs` (a run waiting for GitHub's rate limit). */
  requeue?: (job: CommandJob, delayMs: number) => Promise<void>;
  /** Puts any job on the queue under `jobId`, to run after `delayMs` (the next look at a run's CI). */
  schedule?: (job: AosJob, jobId: string, delayMs: number) => Promise<void>;
  /** How runs wait for the repository's CI (the operator's AOS_CI_* values). */
  ci: CiSettings;
  /** The clock the CI grace period and timeout are measured with (epoch ms); Date.now unless a test sets it. */
  now?: () => number;
  /** Signed link to a run page, when the server can make one. */
  runPageUrl?: (runId: string) => string | undefined;
}
