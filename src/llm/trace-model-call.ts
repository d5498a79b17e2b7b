import { SpanKind, SpanStatusCode, type Span, type SpanOptions } from '@opentelemetry/api';
import { redactSecrets } from '../observability/redact.ts';
import type { Reservation } from '../state/budget/budget-store.ts';
import type { CallProgress } from './failover-context.ts';
import type { PlannedCall } from './plan-call.ts';
import type { RouteResult } from './route-request.ts';
import type { EndpointDecision } from './router.ts';

/** The span name of a model call, as the OpenTelemetry GenAI conventions spell it: `{operation} {model}`. */
export const modelCallSpanName = (call: Pick<PlannedCall, 'model'>) => `chat ${call.model}`;

/**
 * What a model-call span says before the call: the GenAI request attributes, what the budget reserved for it and
 * the residency decision on the endpoint it goes to. Content (the prompt) only when `content` is on, redacted as
 * log lines are.
 */
export function modelCallSpanOptions(
  progress: Pick<CallProgress, 'task' | 'request' | 'chain'>,
  call: Pick<PlannedCall, 'provider' | 'model' | 'inputTokens'>,
  reservation: Pick<Reservation, 'maxTokens' | 'amountEur'>,
  residency: Pick<EndpointDecision, 'allow' | 'host'> | undefined,
  content: boolean,
): SpanOptions {
  const attributes: NonNullable<SpanOptions['attributes']> = {
    'gen_ai.operation.name': 'chat',
    'gen_ai.system': call.provider,
    'gen_ai.request.model': call.model,
    'gen_ai.request.max_tokens': reservation.maxTokens,
    'aos.task': progress.task,
    'aos.run_id': progress.chain,
    'aos.budget.reserved_eur': reservation.amountEur,
    'aos.estimated_input_tokens': call.inputTokens,
  };
  if (residency) {
    attributes['aos.residency.allowed'] = residency.allow;
    attributes['aos.residency.host'] = residency.host;
    if (residency.host !== '') attributes['server.address'] = residency.host;
  }
  if (content) attributes['gen_ai.prompt'] = redactSecrets(JSON.stringify(progress.request.messages));
  return { kind: SpanKind.CLIENT, attributes };
}

/**
 * What a model-call span says after the call: the vendor's usage and finish reason and what was charged, or,
 * when the candidate gave no answer (retries used up, circuit open, window too small), why the router moved on.
 */
export function recordModelAnswer(
  span: Span,
  answer: RouteResult | undefined,
  progress: Pick<CallProgress, 'path' | 'attempts'>,
  content: boolean,
): void {
  span.setAttribute('aos.attempts', progress.attempts);
  if (answer === undefined) {
    const reason = progress.path.at(-1)?.reason ?? 'no answer';
    span.setAttribute('error.type', 'failover');
    span.setStatus({ code: SpanStatusCode.ERROR, message: reason });
    return;
  }
  span.setAttributes({
    'gen_ai.response.model': answer.model,
    'gen_ai.usage.input_tokens': answer.usage.inputTokens,
    'gen_ai.usage.output_tokens': answer.usage.outputTokens,
    'gen_ai.response.finish_reasons': [answer.finishReason],
    'aos.cost_eur': answer.costEur,
    'aos.budget.reserved_eur': answer.reservedEur,
  });
  if (answer.requestId !== undefined) span.setAttribute('gen_ai.response.id', answer.requestId);
  if (content) {
    const completion = answer.structured === undefined ? answer.text : JSON.stringify(answer.structured);
    span.setAttribute('gen_ai.completion', redactSecrets(completion));
  }
}
