import { z } from 'zod';
import { createRepoSettingsSchema } from '../../src/app/repo-settings/repo-settings-schema.ts';
import { finopsSchema, notificationsSchema, residencySchema, routingSchema } from '../../src/config/index.ts';
import { packageRealitySchema } from '../../src/config/package-reality-schema.ts';

/** Where the generated schemas live, relative to the project root. */
export const SCHEMA_DIR = 'configs/schema';

/** Every configuration file aos reads, the zod schema that validates it, and its schema's file name. */
const FILES: ReadonlyArray<{ schema: string; file: string; zod: z.ZodType; description: string }> = [
  {
    schema: 'finops.json',
    file: 'policies/finops.yaml',
    zod: finopsSchema,
    description: "aos FinOps policy: phase caps, per-phase provider limits, alerts (the phase-1 specification's names).",
  },
  {
    schema: 'model_routing.json',
    file: 'configs/model_routing.yaml',
    zod: routingSchema,
    description: "aos model routing: the model per task, prices, routes and failover (the phase-1 specification's names).",
  },
  {
    schema: 'vendor_residency.json',
    file: 'configs/vendor_residency.yaml',
    zod: residencySchema,
    description: "aos vendor residency: endpoints, data handling and enforcement (the phase-1 specification's names).",
  },
  {
    schema: 'notifications.json',
    file: 'configs/notifications.yaml',
    zod: notificationsSchema,
    description: 'aos notifications: which events go to which channel kinds, and retries.',
  },
  {
    schema: 'package_reality.json',
    file: 'configs/package_reality.yaml',
    zod: packageRealitySchema,
    description: 'aos package reality: what each finding about an added dependency does.',
  },
  {
    schema: 'aos.json',
    file: '.github/aos.yml',
    // Its caps are checked against the operator's at load time; the editor schema knows no operator.
    zod: createRepoSettingsSchema({
      dailyCapEur: Number.POSITIVE_INFINITY,
      monthlyCapEur: Number.POSITIVE_INFINITY,
      runCapEur: Number.POSITIVE_INFINITY,
    }),
    description: "aos settings of one repository (.github/aos.yml, read from the default branch): they can only tighten the operator's.",
  },
];

/**
 * The JSON Schema (draft-07, which editors' YAML support reads best) of every configuration file,
 * generated from the zod schemas that validate it, so the descriptions exist once, on the zod
 * fields. Keyed by the schema's file name under SCHEMA_DIR; each text ends with a newline.
 */
export function buildConfigJsonSchemas(): Array<{ schema: string; file: string; text: string }> {
  return FILES.map(({ schema, file, zod, description }) => {
    const json = z.toJSONSchema(zod, { target: 'draft-7', io: 'input', unrepresentable: 'any' });
    const { $schema, ...rest } = json;
    const document = { $schema, title: file, ...rest, description };
    return { schema, file, text: `${JSON.stringify(document, null, 2)}\n` };
  });
}
