import { z } from 'zod';

/** The planner's answer. Strict objects with every field required: what strict JSON-schema modes accept. */
export const planSchema = z.strictObject({
  summary: z.string().min(1).describe('One paragraph: what will change and why.'),
  steps: z.array(z.string().min(1)).min(1).describe('Ordered implementation steps.'),
  files_to_change: z.array(z.string().min(1)).describe('Repository-relative paths the change will touch or create.'),
  acceptance_criteria: z.array(z.string().min(1)).min(1).describe('Checkable statements that must hold when the change is done.'),
  risks: z.array(z.string()).describe('What could go wrong.'),
  estimated_cost_eur: z.number().min(0).describe('The model cost the planner expects for the whole run, in EUR.'),
});
export type Plan = z.output<typeof planSchema>;

/** One edit from the coder: search/replace on an existing file, a new file, or a deletion. */
export const editSchema = z.strictObject({
  kind: z
    .enum(['replace', 'create', 'delete'])
    .describe('replace: search/replace in an existing file; create: a new file; delete: remove a file.'),
  path: z.string().min(1).describe('Repository-relative path.'),
  search: z.string().describe('For replace: the exact existing text, occurring once. Empty otherwise.'),
  replace: z.string().describe('For replace: the new text. For create: the whole file content. Empty for delete.'),
});
export const editsSchema = z.strictObject({
  edits: z.array(editSchema).describe('Edits in the order to apply them.'),
  notes: z.string().describe('Anything the reviewer should know.'),
});
export type CoderEdits = z.output<typeof editsSchema>;

/** One critic or QA finding, placed on a line of the new file where possible. */
export const findingSchema = z.strictObject({
  path: z.string().describe('File the finding is about.'),
  line: z.number().int().min(0).describe('Line in the new file; 0 when it is about the whole file.'),
  severity: z.enum(['blocker', 'major', 'minor', 'nit']).describe('How much it matters.'),
  message: z.string().min(1).describe('What is wrong and how to fix it.'),
});
export type Finding = z.output<typeof findingSchema>;

export const criticSchema = z.strictObject({
  verdict: z.enum(['pass', 'revise']).describe('pass: the diff implements the plan correctly; revise: it needs changes.'),
  summary: z.string().describe('The review in a few sentences.'),
  findings: z.array(findingSchema).describe('Problems found, most important first.'),
});
export type CriticReview = z.output<typeof criticSchema>;

/** The model's check of the plan's acceptance criteria against the diff. */
export const acceptanceSchema = z.strictObject({
  criteria: z
    .array(z.strictObject({ criterion: z.string(), met: z.boolean(), evidence: z.string() }))
    .describe('Each acceptance criterion, whether the diff meets it, and the evidence.'),
});
export type AcceptanceCheck = z.output<typeof acceptanceSchema>;
