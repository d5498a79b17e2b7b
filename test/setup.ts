import nock from 'nock';
import { afterAll, afterEach } from 'vitest';

// A file run in a shared worker (isolate: false) finds nock restored by the previous file's afterAll.
if (!nock.isActive()) nock.activate();

// Tests reach only loopback: PostgreSQL, Redis and the local doubles the tests start themselves.
nock.disableNetConnect();
nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host));

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  if (pending.length > 0) throw new Error(`nock mocks were never called: ${pending.join(', ')}`);
});

afterAll(() => {
  nock.restore();
});
