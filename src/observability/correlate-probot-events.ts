import type { Logger } from './logger.ts';
import { saneId } from './request-id.ts';

/**
 * The logger handed to Probot. Probot logs a webhook handler's error (and a delivery whose signature
 * does not match) on a child bound to `{ name: 'event', id: <delivery id> }`; on this logger such a
 * child also gets `correlation_id` and `delivery_id`, so those lines join the delivery's own. pino
 * builds children on their parent as prototype, so the override reaches Probot's children of children.
 */
export function correlateProbotEvents(logger: Logger): Logger {
  const probotLogger = logger.child({});
  const original = probotLogger.child;
  Object.defineProperty(probotLogger, 'child', {
    configurable: true,
    writable: true,
    value: function (this: Logger, bindings: Record<string, unknown>, ...rest: unknown[]) {
      const id = bindings.name === 'event' && typeof bindings.id === 'string' ? saneId(bindings.id) : undefined;
      const correlated = id === undefined ? bindings : { ...bindings, delivery_id: id, correlation_id: id };
      return Reflect.apply(original, this, [correlated, ...rest]);
    },
  });
  return probotLogger;
}
