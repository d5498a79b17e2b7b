import { z } from 'zod';

const size = {
  /** Smallest size in bytes a deliverable of this kind may have. */
  min_bytes: z.number().int().min(1).optional(),
  /** Fewest non-blank lines a deliverable of this kind may have. */
  min_lines: z.number().int().min(1).optional(),
};

/** A phase contract: what must exist, what must not be in the sources, and what must agree. */
export const contractSchema = z.strictObject({
  contract: z.string().min(1),
  version: z.literal(1),
  description: z.string(),
  /** Where the validation report is written, relative to the root. */
  report: z.string().min(1),
  /** Minimum size per kind, and the format the file must parse as. */
  deliverable_kinds: z.record(z.string(), z.strictObject({ ...size, format: z.enum(['json', 'yaml', 'csv']).optional() })),
  /** Groups of files that must exist and be non-trivial; a group may tighten its kind's sizes. */
  deliverables: z
    .array(z.strictObject({ kind: z.string(), subsystem: z.string().optional(), paths: z.array(z.string()).min(1), ...size }))
    .min(1),
  /** Unfinished-work markers (regular expressions) and empty stand-in bodies, looked for under `roots`. */
  forbidden_markers: z.strictObject({
    roots: z.array(z.string()).min(1),
    extensions: z.array(z.string()).min(1),
    patterns: z
      .array(
        z.strictObject({
          regex: z.string(),
          flags: z
            .string()
            .regex(/^[imsu]*$/)
            .optional(),
        }),
      )
      .min(1),
    empty_bodies: z.boolean(),
  }),
  cross_checks: z.strictObject({
    /** The active phase's caps in the FinOps policy equal the caps in every row of the budget report. */
    phase_caps: z.strictObject({ finops: z.string(), phase: z.string(), budget_report: z.string() }),
    /** Every evidence path named in the gate file exists. */
    evidence_paths: z.strictObject({ gate: z.string() }),
    /** Every provider of the routing config has a residency entry and a FinOps entry. */
    providers: z.strictObject({ routing: z.string(), residency: z.string(), finops: z.string() }),
  }),
  /** Core module → glob of the test files of which at least one must import it (directly or through a test helper). */
  integration_tests: z.record(z.string(), z.string()),
});

export type Contract = z.infer<typeof contractSchema>;
