import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmailChannel } from '#src/notify/create-email-channel.ts';
import { createSlackChannel } from '#src/notify/create-slack-channel.ts';
import { createWebhookChannel } from '#src/notify/create-webhook-channel.ts';
import type { NotificationMessage } from '#src/notify/notification-types.ts';
import { verifyWebhookSignature } from '#src/notify/verify-webhook-signature.ts';
import { startReceiver, type Receiver } from './support/start-receiver.ts';
import { startSmtpStub } from './support/start-smtp-stub.ts';

const message: NotificationMessage = {
  type: 'package_reality.failed',
  correlation_id: 'delivery-9f2c',
  idempotency_key: 'ntf_123/webhook:abc',
  timestamp: '2026-11-22T12:00:00.000Z',
  title: 'Package reality failed on octo/app#12',
  text: 'left-padd@1.0.0 does not exist on the npm registry',
  fields: { Repository: 'octo/app' },
  url: 'https://aos.example.eu/aos/runs/run-7',
};

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});
const receiver = async (options: Parameters<typeof startReceiver>[0] = {}): Promise<Receiver> => {
  const started = await startReceiver(options);
  closers.push(started.close);
  return started;
};

describe('webhook channel', () => {
  it('sends the message as JSON signed over <timestamp>.<body>, verifiable only with the shared secret', async () => {
    const server = await receiver();
    const channel = createWebhookChannel({ url: server.url, secret: 'shared', timeoutMs: 2000 });
    expect(await channel.send(message)).toEqual({ status: 'delivered', httpStatus: 200 });
    const [request] = server.accepted;
    expect(request!.json).toMatchObject({
      correlation_id: 'delivery-9f2c',
      idempotency_key: message.idempotency_key,
      timestamp: message.timestamp,
      title: message.title,
    });
    expect(request!.headers['x-aos-idempotency-key']).toBe(message.idempotency_key);
    const headers = {
      body: request!.body,
      timestamp: request!.headers['x-aos-timestamp'] as string,
      signature: request!.headers['x-aos-signature'] as string,
    };
    expect(Math.abs(Number(headers.timestamp) - Date.now() / 1000)).toBeLessThan(5);
    expect(verifyWebhookSignature({ ...headers, secret: 'shared' })).toEqual({ ok: true });
    expect(verifyWebhookSignature({ ...headers, secret: 'not-shared' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyWebhookSignature({ ...headers, secret: 'shared', now: Date.now() + 3_600_000 })).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
  });

  it('retries on 503, 429 (with Retry-After) and unreachable receivers, and gives up at once on other 4xx', async () => {
    const answers = [503, { status: 429, headers: { 'retry-after': '7' } }, 400, 404];
    const server = await receiver({ respond: (index) => answers[index] ?? 200 });
    const channel = createWebhookChannel({ url: server.url, secret: 's', timeoutMs: 2000 });
    expect(await channel.send(message)).toMatchObject({ status: 'retry', httpStatus: 503 });
    expect(await channel.send(message)).toMatchObject({ status: 'retry', httpStatus: 429, retryAfterMs: 7000 });
    expect(await channel.send(message)).toMatchObject({ status: 'failed', httpStatus: 400 });
    expect(await channel.send(message)).toMatchObject({ status: 'failed', httpStatus: 404 });

    const closed = await receiver();
    await closed.close();
    const outcome = await createWebhookChannel({ url: closed.url, secret: 's', timeoutMs: 2000 }).send(message);
    expect(outcome).toMatchObject({ status: 'retry', error: expect.stringContaining('ECONNREFUSED') });
  });

  it('retries a receiver that does not answer within the timeout', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const sockets: net.Socket[] = [];
    silent.on('connection', (socket) => sockets.push(socket));
    closers.push(
      () =>
        new Promise((resolve) => {
          for (const socket of sockets) socket.destroy();
          silent.close(() => resolve());
        }),
    );
    const { port } = silent.address() as net.AddressInfo;
    const outcome = await createWebhookChannel({ url: `http://127.0.0.1:${port}/x`, secret: 's', timeoutMs: 150 }).send(message);
    expect(outcome).toEqual({ status: 'retry', error: `127.0.0.1:${port}: no answer within 150 ms` });
  });
});

describe('slack channel', () => {
  it('posts Block Kit with the title in the header and a link to the run page, and never names the URL path', async () => {
    const server = await receiver();
    const url = `${server.url.replace('/hooks/aos', '')}/services/T000/B000/SECRETPATH`;
    const channel = createSlackChannel({ webhookUrl: url, timeoutMs: 2000 });
    expect(channel.destination).toBe(server.host);
    expect(await channel.send(message)).toMatchObject({ status: 'delivered' });
    type Block = { type: string; elements?: unknown[] };
    const { blocks, correlation_id, idempotency_key, timestamp } = server.accepted[0]!.json as {
      blocks: Block[];
      correlation_id: string;
      idempotency_key: string;
      timestamp: string;
    };
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: message.title } });
    expect(blocks.find((block) => block.type === 'actions')?.elements?.[0]).toMatchObject({ type: 'button', url: message.url });
    expect({ correlation_id, idempotency_key, timestamp }).toEqual({
      correlation_id: message.correlation_id,
      idempotency_key: message.idempotency_key,
      timestamp: message.timestamp,
    });

    const failing = await receiver({ respond: () => 404 });
    const outcome = await createSlackChannel({ webhookUrl: `${failing.url}/SECRETPATH`, timeoutMs: 2000 }).send(message);
    expect(outcome).toMatchObject({ status: 'failed', httpStatus: 404 });
    expect(JSON.stringify(outcome)).not.toContain('SECRETPATH');
  });
});

describe('email channel', () => {
  it('sends one mail whose subject is the title, carrying the correlation id and idempotency key', async () => {
    const smtp = await startSmtpStub();
    closers.push(smtp.close);
    const channel = createEmailChannel({ smtpUrl: smtp.url, to: 'ops@example.eu', timeoutMs: 2000 });
    expect(await channel.send(message)).toEqual({ status: 'delivered' });
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail!.subject).toBe(message.title);
    expect(mail!.to).toEqual(['<ops@example.eu>']);
    expect(mail!.headers.get('x-aos-correlation-id')).toBe('delivery-9f2c');
    expect(mail!.headers.get('x-aos-idempotency-key')).toBe(message.idempotency_key);
    expect(mail!.data).toContain('Run page: https://aos.example.eu/aos/runs/run-7');
  });

  it('treats a 5xx SMTP reply as permanent and an unreachable server as worth retrying', async () => {
    const rejecting = await startSmtpStub({ rejectRcpt: 550 });
    closers.push(rejecting.close);
    expect(await createEmailChannel({ smtpUrl: rejecting.url, to: 'ops@example.eu', timeoutMs: 2000 }).send(message)).toMatchObject({
      status: 'failed',
    });
    const gone = await startSmtpStub();
    await gone.close();
    expect(await createEmailChannel({ smtpUrl: gone.url, to: 'ops@example.eu', timeoutMs: 2000 }).send(message)).toMatchObject({
      status: 'retry',
    });
  });
});
