// The hooks of record-module-loads.mjs; they run on Node's loader thread.
import { appendFileSync } from 'node:fs';

let log;

export function initialize(data) {
  log = data?.log;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (log && specifier.startsWith('@opentelemetry/')) appendFileSync(log, `${specifier}\n`);
  return resolved;
}
