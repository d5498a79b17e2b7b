import type { Knex } from 'knex';
import * as stateFabric from './20261122_0001_state_fabric.ts';
import * as finops from './20261122_0002_finops.ts';
import * as runs from './20261122_0003_runs.ts';
import * as notifications from './20261122_0004_notifications.ts';
import * as circuitBreakers from './20261122_0005_circuit_breakers.ts';
import * as runCi from './20261203_0006_run_ci.ts';

/** Every migration, in order. Listed here (not discovered on disk) so bundling and tests see the same set. */
export const migrations: ReadonlyArray<{ name: string; migration: Knex.Migration }> = [
  { name: '20261122_0001_state_fabric', migration: stateFabric },
  { name: '20261122_0002_finops', migration: finops },
  { name: '20261122_0003_runs', migration: runs },
  { name: '20261122_0004_notifications', migration: notifications },
  { name: '20261122_0005_circuit_breakers', migration: circuitBreakers },
  { name: '20261203_0006_run_ci', migration: runCi },
];
