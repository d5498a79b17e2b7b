import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { serveWhileStarting, type StartedApp } from '#src/app/serve-while-starting.ts';

/** A promise settled from outside, standing for the database and agent stack coming up. */
function startUp() {
  let resolve!: (app: StartedApp) => void;
  let reject!: (error: Error) => void;
  const started = new Promise<StartedApp>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { started, resolve, reject };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const request = { url: '/aos/runs' } as IncomingMessage;
const response = {} as ServerResponse;

describe('serveWhileStarting', () => {
  it('is not ready while starting, and says why', async () => {
    const { started } = startUp();
    await expect(serveWhileStarting(started).readiness.check()).rejects.toThrow('starting: the database is being opened');
  });

  it('holds a delivery that arrives while starting and records it once the store is there', async () => {
    const { started, resolve } = startUp();
    const serving = serveWhileStarting(started);
    const recorded: string[] = [];
    const delivery = serving.runStore.recordDelivery('delivery-1', 'issue_comment');
    await settle();
    expect(recorded).toEqual([]);
    resolve({
      runStore: {
        recordDelivery: async (id, event) => {
          recorded.push(`${id} ${event}`);
          return true;
        },
      },
      handlers: [],
    });
    await expect(delivery).resolves.toBe(true);
    expect(recorded).toEqual(['delivery-1 issue_comment']);
    await expect(serving.readiness.check()).resolves.toBeUndefined();
  });

  it('hands other requests to the real handlers once started, in order, and declines what none takes', async () => {
    const { started, resolve } = startUp();
    const serving = serveWhileStarting(started);
    const seen: string[] = [];
    const handled = serving.handler(request, response);
    resolve({
      runStore: { recordDelivery: async () => true },
      handlers: [() => (seen.push('metrics'), false), (req) => (seen.push(`pages ${req.url}`), true), () => (seen.push('never'), true)],
    });
    await expect(handled).resolves.toBe(true);
    expect(seen).toEqual(['metrics', 'pages /aos/runs']);
    await expect(
      serveWhileStarting(Promise.resolve({ runStore: { recordDelivery: async () => true }, handlers: [] })).handler(request, response),
    ).resolves.toBe(false);
  });

  it('fails held work and readiness with the start-up error', async () => {
    const { started, reject } = startUp();
    const serving = serveWhileStarting(started);
    const delivery = serving.runStore.recordDelivery('delivery-2', 'issues');
    reject(new Error('the embedded database is locked by another process'));
    await expect(delivery).rejects.toThrow('locked by another process');
    await settle();
    await expect(serving.readiness.check()).rejects.toThrow('locked by another process');
  });
});
