import { createRequire } from 'node:module';
import type { DestinationStream } from 'pino';

type PrettyFactory = (options: Record<string, unknown>) => DestinationStream;

const require = createRequire(import.meta.url);

/**
 * A pino-pretty stream writing to `destination` (stdout when absent), or `undefined` when
 * pino-pretty cannot be loaded: it arrives with probot rather than as our own dependency, so the
 * caller falls back to JSON lines instead of failing to start.
 */
export function createPrettyStream(destination?: DestinationStream): DestinationStream | undefined {
  let factory: PrettyFactory;
  try {
    factory = require('pino-pretty') as PrettyFactory;
  } catch {
    return undefined;
  }
  // A caller-supplied destination is a file or a buffer, not a terminal: no colour codes in it.
  return factory(destination === undefined ? {} : { destination, colorize: false, sync: true });
}
