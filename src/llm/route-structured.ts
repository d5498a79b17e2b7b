import type { z } from 'zod';
import { ProviderError } from './provider-error.ts';
import { InvalidModelOutput } from './router-errors.ts';
import type { Router, RouteRequest, RouteResult } from './router.ts';
import { toOutputSchema, validateStructured } from './structured-output.ts';
import type { TaskType } from './types.ts';

/** A validated structured answer, with the calls it took (one, or two after a repair). */
export interface StructuredResult<T> {
  value: T;
  calls: RouteResult[];
}

/**
 * Asks for an answer matching a zod schema and returns it parsed and validated. An answer that is
 * not valid gets exactly one repair attempt (the model sees its answer and what was wrong); a
 * second invalid answer ends in {@link InvalidModelOutput}. A refusal is reported as a refusal.
 */
export async function routeStructured<T>(
  router: Pick<Router, 'route'>,
  task: TaskType,
  request: RouteRequest,
  schema: z.ZodType<T>,
  name: string,
): Promise<StructuredResult<T>> {
  const outputSchema = toOutputSchema(schema, name);
  const calls: RouteResult[] = [];
  let messages = request.messages;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    let issues: string;
    let answer: string;
    try {
      const result = await router.route(task, { ...request, messages, schema: outputSchema });
      calls.push(result);
      const checked = validateStructured(schema, result);
      if (checked.ok) return { value: checked.value, calls };
      issues = checked.issues;
      answer = result.structured !== undefined ? JSON.stringify(result.structured) : result.text;
    } catch (error) {
      if (!(error instanceof ProviderError) || error.kind !== 'invalid_output') throw error;
      issues = error.message;
      answer = '(an answer that was not valid JSON)';
    }
    if (attempt === 1) throw new InvalidModelOutput(task, issues);
    messages = [
      ...request.messages,
      { role: 'assistant', content: answer.slice(0, 20_000) },
      { role: 'user', content: `That answer does not match the required format: ${issues}. Reply again with only the corrected JSON.` },
    ];
  }
  throw new InvalidModelOutput(task, 'no answer');
}
