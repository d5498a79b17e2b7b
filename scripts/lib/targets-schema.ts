import { z } from 'zod';

const threshold = z.strictObject({
  /** How the measured figure is compared with `value`. */
  op: z.enum(['<', '<=', '>', '>=', '==']),
  /** The bound, in the figure's unit. */
  value: z.number(),
});

const where = z.record(z.string(), z.string());

/** How a figure is read from its evidence file. */
export const figureReadSchema = z.discriminatedUnion('kind', [
  /** The row whose `operation` and `percentile` columns match; the value column (default latency_ms). */
  z.strictObject({
    kind: z.literal('percentile_row'),
    csv: z.string(),
    operation: z.string(),
    percentile: z.string(),
    value_column: z.string().default('latency_ms'),
  }),
  /** The value of `column` in the (latest) row matching every `where` cell. */
  z.strictObject({ kind: z.literal('row_value'), csv: z.string(), where, column: z.string() }),
  /** The nearest-rank percentile of a numeric column over the rows matching `where`. */
  z.strictObject({
    kind: z.literal('column_percentile'),
    csv: z.string(),
    column: z.string(),
    percentile: z.number().min(0).max(100),
    where: where.optional(),
  }),
  /** An aggregate of one column over the rows matching `where`. */
  z.strictObject({
    kind: z.literal('column_aggregate'),
    csv: z.string(),
    column: z.string(),
    aggregate: z.enum(['min', 'max', 'mean', 'sum', 'count', 'fraction_true']),
    where: where.optional(),
  }),
  /** How many rows break any of the conditions `left op right` (two columns of the same row). */
  z.strictObject({
    kind: z.literal('count_rows_where'),
    csv: z.string(),
    any_of: z.array(z.strictObject({ left: z.string(), op: z.enum(['<', '<=', '>', '>=', '==']), right: z.string() })).min(1),
  }),
  /** The share of groups (rows with the same `group_by`) that have a row whose `column` equals `equals`. */
  z.strictObject({ kind: z.literal('group_fraction'), csv: z.string(), group_by: z.string(), column: z.string(), equals: z.string() }),
  /** How many keys of the mapping `config_key` in a YAML file are absent from the CSV's `column`. */
  z.strictObject({
    kind: z.literal('covers_config_keys'),
    csv: z.string(),
    column: z.string(),
    config: z.string(),
    config_key: z.string(),
  }),
  /** A count from vitest's JSON report: passed or failed tests. */
  z.strictObject({ kind: z.literal('vitest_report'), report: z.string(), field: z.enum(['passed', 'failed']) }),
]);

/** One measured figure with our goal and the specification's ceiling. */
export const figureTargetSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_]+$/),
  /** Plain-language name, used in the table and in the list of unmet targets. */
  label: z.string(),
  unit: z.enum(['ms', 'ratio', 'fraction', 'count']),
  read: figureReadSchema,
  /** Our own goal: a figure passes only if it meets this. */
  goal: threshold,
  /** The specification's bound, reported beside the goal; null where the specification sets none. */
  spec: threshold.nullable(),
  note: z.string().optional(),
});

/** contracts/targets.yaml. */
export const targetsSchema = z.strictObject({
  version: z.literal(1),
  subsystems: z.record(
    z.string().regex(/^[a-z0-9_]+$/),
    z.strictObject({
      title: z.string(),
      figures: z.array(figureTargetSchema).min(1),
    }),
  ),
});

export type FigureRead = z.infer<typeof figureReadSchema>;
export type FigureTarget = z.infer<typeof figureTargetSchema>;
export type Targets = z.infer<typeof targetsSchema>;
