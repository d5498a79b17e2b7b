/**
 * Writes the JSON Schema of every configuration file under configs/schema/ (`npm run schemas`).
 * The shipped YAML files point at them with a `# yaml-language-server: $schema=` line, so
 * editors validate and complete keys; a test fails when the committed files are not current.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildConfigJsonSchemas, SCHEMA_DIR } from './lib/config-json-schemas.ts';

const root = process.cwd();
fs.mkdirSync(path.join(root, SCHEMA_DIR), { recursive: true });
for (const { schema, file, text } of buildConfigJsonSchemas()) {
  fs.writeFileSync(path.join(root, SCHEMA_DIR, schema), text);
  console.log(`${SCHEMA_DIR}/${schema}  (${file})`);
}
