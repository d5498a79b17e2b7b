import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { requestLineFields } from '#src/observability/request-line-fields.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';

/** A response to a request with these headers and, when given, the id assignRequestIds puts on it. */
function responseTo(headers: Record<string, string>, id?: string): ServerResponse {
  const req = new IncomingMessage(new Socket());
  req.headers = headers;
  if (id !== undefined) Object.assign(req, { id });
  return new ServerResponse(req);
}

describe('requestLineFields', () => {
  it("puts a request's id and correlation id on the line that logs its response", () => {
    const { logger, lines } = captureLogger();
    logger.info({ res: responseTo({}, 'req-1') }, 'GET /healthz 200');
    logger.info({ res: responseTo({ 'x-github-delivery': 'delivery-1' }, 'req-2') }, 'POST /api/github/webhooks 200');
    logger.info({ res: responseTo({ 'x-github-delivery': 'not sane at all' }, 'req-3') }, 'POST /api/github/webhooks 400');
    expect(lines.map((line) => [line.request_id, line.correlation_id])).toEqual([
      ['req-1', 'req-1'],
      ['req-2', 'delivery-1'],
      ['req-3', 'req-3'],
    ]);
  });

  it('leaves other lines alone: no response, or a response without an id', () => {
    const fields = { res: responseTo({}) };
    expect(requestLineFields(fields)).toBe(fields);
    const plain = { res: { statusCode: 200 }, correlation_id: 'run-1' };
    expect(requestLineFields(plain)).toBe(plain);
  });
});
