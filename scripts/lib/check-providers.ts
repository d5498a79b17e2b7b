import path from 'node:path';
import { checkResult, type CheckResult } from './check-result.ts';
import type { Contract } from './contract-schema.ts';
import { readYamlMapping, valueAt } from './read-yaml-mapping.ts';

const keysOf = (value: unknown): string[] => (value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : []);

/** Every provider the routing config names (providers, preferred, fallbacks). */
export function routedProviders(routing: Record<string, unknown>): string[] {
  const names = new Set(keysOf(routing.providers));
  for (const task of Object.values((routing.task_types ?? {}) as Record<string, unknown>)) {
    const preferred = valueAt(task, 'preferred');
    if (typeof preferred === 'string') names.add(preferred);
    const fallbacks = valueAt(task, 'fallbacks');
    if (Array.isArray(fallbacks)) for (const name of fallbacks) if (typeof name === 'string') names.add(name);
  }
  return [...names].sort();
}

/** Every provider of the routing config has an entry in the residency config and in the FinOps policy. */
export function checkProviders(contract: Contract, root: string): CheckResult {
  const files = contract.cross_checks.providers;
  const title = `every provider in ${files.routing} is in ${files.residency} and ${files.finops}`;
  const documents = Object.fromEntries(Object.entries(files).map(([role, file]) => [role, readYamlMapping(path.resolve(root, file))]));
  const unreadable = Object.entries(documents).filter(([, document]) => typeof document === 'string').map(([role, document]) => `${files[role as keyof typeof files]}: ${String(document)}`);
  if (unreadable.length > 0) return checkResult('providers', title, 'nothing compared', unreadable);
  const routing = documents.routing as Record<string, unknown>;
  const vendors = new Set(keysOf(valueAt(documents.residency, 'vendors')));
  const priced = new Set(keysOf(valueAt(documents.finops, 'providers')));
  const providers = routedProviders(routing);
  const failures = providers.flatMap((name) => [
    ...(vendors.has(name) ? [] : [`${name}: routed in ${files.routing} but not under vendors in ${files.residency}`]),
    ...(priced.has(name) ? [] : [`${name}: routed in ${files.routing} but not under providers in ${files.finops}`]),
  ]);
  if (providers.length === 0) failures.push(`${files.routing}: names no provider`);
  return checkResult('providers', title, `${providers.length} provider(s): ${providers.join(', ')}`, failures);
}
