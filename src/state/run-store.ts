import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { RunCiState } from './run-ci-state.ts';

/** Where a run stands. */
export type RunStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

/** A run as stored. */
export interface RunRecord {
  id: string;
  kind: 'issue' | 'revise' | 'local';
  status: RunStatus;
  verdict: 'ready' | 'needs-work' | null;
  installationId: number | null;
  owner: string | null;
  repo: string | null;
  issueNumber: number | null;
  prNumber: number | null;
  branch: string | null;
  baseSha: string | null;
  headSha: string | null;
  requestedBy: string | null;
  triggerCommentId: number | null;
  /** `review_comment` when a pull request review comment carried the command. */
  triggerCommentKind: 'issue_comment' | 'review_comment' | null;
  statusCommentId: number | null;
  deliveryId: string | null;
  instructions: string | null;
  dryRun: boolean;
  cancelRequested: boolean;
  costEur: number;
  finalStateHash: string | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Set while the run waits for, or fixes, the repository's CI on its head commit. */
  ci: RunCiState | null;
}

const COLUMNS: Record<keyof RunRecord, string> = {
  id: 'id',
  kind: 'kind',
  status: 'status',
  verdict: 'verdict',
  installationId: 'installation_id',
  owner: 'owner',
  repo: 'repo',
  issueNumber: 'issue_number',
  prNumber: 'pr_number',
  branch: 'branch',
  baseSha: 'base_sha',
  headSha: 'head_sha',
  requestedBy: 'requested_by',
  triggerCommentId: 'trigger_comment_id',
  triggerCommentKind: 'trigger_comment_kind',
  statusCommentId: 'status_comment_id',
  deliveryId: 'delivery_id',
  instructions: 'instructions',
  dryRun: 'dry_run',
  cancelRequested: 'cancel_requested',
  costEur: 'cost_eur',
  finalStateHash: 'final_state_hash',
  error: 'error',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  ci: 'ci',
};

const toRecord = (row: Record<string, unknown>): RunRecord => {
  const record = {} as Record<string, unknown>;
  for (const [key, column] of Object.entries(COLUMNS)) {
    const value = row[column];
    if (key === 'ci') record[key] = typeof value === 'string' ? (JSON.parse(value) as unknown) : (value ?? null);
    else record[key] = value instanceof Date ? value.toISOString() : key === 'costEur' ? Number(value ?? 0) : (value ?? null);
  }
  return record as unknown as RunRecord;
};

const toRow = (patch: Partial<RunRecord>) =>
  Object.fromEntries(
    Object.entries(patch).map(([key, value]) => [
      COLUMNS[key as keyof RunRecord],
      // jsonb goes in as text: an object would do, but one encoding for pg and PGlite alike.
      key === 'ci' && value !== null && value !== undefined ? JSON.stringify(value) : value,
    ]),
  );

/** A new run's fields; the store assigns id, status and times. */
export type NewRun = Partial<Omit<RunRecord, 'id' | 'status' | 'createdAt' | 'updatedAt'>> & Pick<RunRecord, 'kind'>;

/** The runs table and the webhook deliveries already handled. */
export function createRunStore(knex: Knex) {
  return {
    /**
     * Creates a queued run, unless the issue already has an active one: then that run is returned,
     * so the caller can point to it. The database decides, so two processes cannot both win.
     */
    async createRun(
      fields: NewRun,
      id: string = randomUUID(),
    ): Promise<{ created: true; run: RunRecord } | { created: false; active: RunRecord }> {
      try {
        const [row] = (await knex('runs')
          .insert({ ...toRow(fields), id, status: 'queued' })
          .returning('*')) as Array<Record<string, unknown>>;
        return { created: true, run: toRecord(row!) };
      } catch (error) {
        if ((error as { code?: string }).code !== '23505' || !fields.owner) throw error;
        const active = await knex('runs')
          .where({ owner: fields.owner, repo: fields.repo, issue_number: fields.issueNumber })
          .whereIn('status', ['queued', 'running'])
          .first();
        if (!active) throw error;
        return { created: false, active: toRecord(active) };
      }
    },
    async getRun(id: string): Promise<RunRecord | null> {
      const row = await knex('runs').where({ id }).first();
      return row ? toRecord(row) : null;
    },
    /** The newest runs first, optionally of one repository or issue. */
    async listRuns(filter: { owner?: string; repo?: string; issueNumber?: number; limit?: number } = {}): Promise<RunRecord[]> {
      const query = knex('runs')
        .orderBy('created_at', 'desc')
        .limit(filter.limit ?? 50);
      if (filter.owner) query.where({ owner: filter.owner });
      if (filter.repo) query.where({ repo: filter.repo });
      if (filter.issueNumber !== undefined) query.where({ issue_number: filter.issueNumber });
      return ((await query) as Array<Record<string, unknown>>).map(toRecord);
    },
    /** The newest run that opened (or last revised) pull request `prNumber`, optionally only completed ones. */
    async runForPullRequest(
      owner: string,
      repo: string,
      prNumber: number,
      options: { completed?: boolean; excluding?: string } = {},
    ): Promise<RunRecord | null> {
      const query = knex('runs').where({ owner, repo, pr_number: prNumber }).orderBy('created_at', 'desc');
      if (options.completed) query.where({ status: 'completed' });
      if (options.excluding) query.whereNot({ id: options.excluding });
      const row = await query.first();
      return row ? toRecord(row) : null;
    },
    /** The run of an issue or pull request that is queued or running, if any. */
    async activeRunFor(owner: string, repo: string, issueNumber: number): Promise<RunRecord | null> {
      const row = await knex('runs').where({ owner, repo, issue_number: issueNumber }).whereIn('status', ['queued', 'running']).first();
      return row ? toRecord(row) : null;
    },
    async updateRun(id: string, patch: Partial<RunRecord>): Promise<void> {
      await knex('runs')
        .where({ id })
        .update({ ...toRow(patch), updated_at: knex.fn.now() });
    },
    /** The run waiting for (or fixing) CI whose head is `headSha` in `owner/repo`, if any. */
    async runWaitingForCi(owner: string, repo: string, headSha: string): Promise<RunRecord | null> {
      const row = await knex('runs').where({ owner, repo, head_sha: headSha, status: 'running' }).whereNotNull('ci').first();
      return row ? toRecord(row) : null;
    },
    /**
     * Moves a run's CI state on from `expected` (its phase and head) to `next`, only if it still is
     * `expected`: of two workers woken for the same head (a webhook and a poll), one wins. True for the winner.
     */
    async swapCi(id: string, expected: Pick<RunCiState, 'phase' | 'headSha'>, next: RunCiState | null, patch: Partial<RunRecord> = {}) {
      const changed = await knex('runs')
        .where({ id })
        .whereRaw("ci->>'phase' = ?", [expected.phase])
        .whereRaw("ci->>'headSha' = ?", [expected.headSha])
        .update({ ...toRow({ ...patch, ci: next }), updated_at: knex.fn.now() });
      return changed === 1;
    },
    async requestCancel(id: string): Promise<void> {
      await knex('runs').where({ id }).update({ cancel_requested: true, updated_at: knex.fn.now() });
    },
    async isCancelRequested(id: string): Promise<boolean> {
      const row = (await knex('runs').where({ id }).first('cancel_requested')) as { cancel_requested: boolean } | undefined;
      return row?.cancel_requested === true;
    },
    /** Records a webhook delivery id; false when it was seen before (a redelivery), across processes and restarts. */
    async recordDelivery(deliveryId: string, event: string): Promise<boolean> {
      const { rows } = await knex.raw<{ rows: unknown[] }>(
        'INSERT INTO webhook_deliveries (delivery_id, event) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING delivery_id',
        [deliveryId, event],
      );
      return rows.length > 0;
    },
  };
}

/** The run store's interface. */
export type RunStore = ReturnType<typeof createRunStore>;
