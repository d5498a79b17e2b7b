import type { CliCommand } from '../cli-command.ts';

/** `aos worker`: a worker process on the shared BullMQ queue; run any number, on any machine. */
export const workerCommand: CliCommand = {
  name: 'worker',
  summary: 'process runs and checks from the shared queue (needs REDIS_URL)',
  help: `Usage: aos worker [--concurrency N]

Takes jobs (comment commands, package-reality checks) from the BullMQ queue on REDIS_URL and
carries them out, sharing PostgreSQL (DATABASE_URL) with the app server and other workers.
Needs the GitHub App credentials (APP_ID and PRIVATE_KEY or PRIVATE_KEY_PATH). Stops on SIGTERM
or SIGINT after the jobs in hand reach their next checkpoint. Without REDIS_URL, \`npm start\`
runs the worker in its own process and this command is not needed.`,
  options: { concurrency: { type: 'string' } },
  run: async (invocation) => (await import('./run-queue-worker.ts')).runQueueWorker(invocation),
};
