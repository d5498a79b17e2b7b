import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createChannels } from '#src/notify/create-channels.ts';
import { usePostgresDatabase } from '../../helpers/use-postgres-database.ts';
import { notifyHarness } from './support/notify-harness.ts';
import { startReceiver } from './support/start-receiver.ts';

// A whole scenario with child processes or many round trips; generous so a busy 2-core machine cannot fail it.
const SCENARIO_TIMEOUT_MS = 240_000;

const SECRET = 'crash-secret';

// Two processes on one database: PostgreSQL only (PGlite's store belongs to one process).
describe('a worker killed between the outbox write and the send', () => {
  const postgres = usePostgresDatabase();
  const pgUrl = postgres.serverUrl;

  it.skipIf(!pgUrl)(
    'leaves the notification in the outbox, and another process delivers it exactly once',
    async () => {
      const receiver = await startReceiver({ secret: SECRET });
      try {
        const child = spawn(
          'node',
          ['--import', 'tsx', 'test/fixtures/scripts/notify-crash-worker.ts', postgres.database.url!, receiver.url, SECRET, 'run-crash'],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        );
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
          child.once('exit', (_code, exitSignal) => resolve(exitSignal)),
        );
        expect(signal).toBe('SIGKILL');
        const id = /PUBLISHED (\S+)/.exec(output)?.[1];
        expect(id).toBeDefined();
        expect(receiver.requests()).toBe(0);

        const { publisher } = notifyHarness(postgres.database.db.knex, {
          channels: createChannels({ AOS_NOTIFY_WEBHOOK_URLS: [receiver.url], AOS_NOTIFY_SIGNING_SECRET: SECRET }),
        });
        expect(await publisher.getDeliveryStatus(id!)).toMatchObject([{ status: 'pending', attempts: 0, correlationId: 'run-crash' }]);
        expect(await publisher.deliverDue()).toMatchObject({ claimed: 1, delivered: 1 });
        expect(await publisher.deliverDue()).toMatchObject({ claimed: 0 });
        expect(receiver.requests()).toBe(1);
        expect(receiver.accepted[0]!.json).toMatchObject({ correlation_id: 'run-crash', title: 'Run run-crash finished' });
        expect(await publisher.getDeliveryStatus(id!)).toMatchObject([{ status: 'delivered', attempts: 1 }]);
      } finally {
        await receiver.close();
      }
    },
    SCENARIO_TIMEOUT_MS,
  );
});
