import path from 'node:path';
import { checkResult, type CheckResult } from './check-result.ts';
import type { Contract } from './contract-schema.ts';
import { readYamlMapping, valueAt } from './read-yaml-mapping.ts';

const keysOf = (value: unknown): string[] =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];

/** The provider names of a route entry: one name or a list. */
const namesOf = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((name): name is string => typeof name === 'string') : [];

/**
 * Every provider the routing config names: providers, each task's preferred provider and fallback
 * (in the specification's names, or aos's former `preferred` and `fallbacks`), and the failover provider.
 */
export function routedProviders(routing: Record<string, unknown>): string[] {
  const names = new Set([...keysOf(routing.providers), ...namesOf(valueAt(routing, 'failover.fallback_provider'))]);
  for (const task of Object.values((routing.task_types ?? {}) as Record<string, unknown>)) {
    for (const key of ['preferred_provider', 'preferred', 'fallback', 'fallbacks'])
      for (const name of namesOf(valueAt(task, key))) names.add(name);
  }
  return [...names].sort();
}

/** Providers with a price: in the routing config (cost_per_1k_tokens or prices), or under the FinOps policy's former providers. */
function pricedProviders(routing: unknown, finops: unknown): Set<string> {
  const inRouting = keysOf(valueAt(routing, 'providers')).filter(
    (name) =>
      keysOf(valueAt(routing, `providers.${name}.cost_per_1k_tokens`)).length +
        keysOf(valueAt(routing, `providers.${name}.prices`)).length >
      0,
  );
  return new Set([...inRouting, ...keysOf(valueAt(finops, 'providers'))]);
}

/** Every provider of the routing config has an entry in the residency config and in the FinOps policy. */
export function checkProviders(contract: Contract, root: string): CheckResult {
  const files = contract.cross_checks.providers;
  const title = `every provider in ${files.routing} is in ${files.residency} and ${files.finops}`;
  const documents = Object.fromEntries(Object.entries(files).map(([role, file]) => [role, readYamlMapping(path.resolve(root, file))]));
  const unreadable = Object.entries(documents)
    .filter(([, document]) => typeof document === 'string')
    .map(([role, document]) => `${files[role as keyof typeof files]}: ${String(document)}`);
  if (unreadable.length > 0) return checkResult('providers', title, 'nothing compared', unreadable);
  const routing = documents.routing as Record<string, unknown>;
  const vendors = new Set(keysOf(valueAt(documents.residency, 'vendors')));
  const priced = pricedProviders(routing, documents.finops);
  const providers = routedProviders(routing);
  const failures = providers.flatMap((name) => [
    ...(vendors.has(name) ? [] : [`${name}: routed in ${files.routing} but not under vendors in ${files.residency}`]),
    ...(priced.has(name)
      ? []
      : [
          `${name}: routed in ${files.routing} but has no price there (providers.${name}.cost_per_1k_tokens or .prices) nor under providers in ${files.finops}`,
        ]),
  ]);
  if (providers.length === 0) failures.push(`${files.routing}: names no provider`);
  return checkResult('providers', title, `${providers.length} provider(s): ${providers.join(', ')}`, failures);
}
