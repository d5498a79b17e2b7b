import fs from 'node:fs';
import type { Knex } from 'knex';

// Linux reports CPU time in /proc/<pid>/stat in clock ticks; USER_HZ is 100 on every Linux build we run on.
const MS_PER_TICK = 10;

/** CPU milliseconds each PostgreSQL backend serving this database has used so far, by pid. */
export type BackendCpu = Map<number, number>;

/**
 * Reads the CPU time of the PostgreSQL backends serving this database from /proc/<pid>/stat;
 * null when they cannot be read (PostgreSQL on another host or in a container).
 */
export async function readBackendCpu(knex: Knex): Promise<BackendCpu | null> {
  const { rows } = await knex.raw<{ rows: Array<{ pid: number }> }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
  const cpu: BackendCpu = new Map();
  for (const { pid } of rows) {
    try {
      // Fields after the command name: state is the 1st, utime the 12th, stime the 13th.
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK);
    } catch {
      return null;
    }
  }
  return cpu;
}

/**
 * The database's CPU between two readings, whatever else the machine was doing: each backend's
 * growth, a backend that appeared counted whole. A backend that exited in between is missing, so
 * this can only undercount.
 */
export function backendCpuBetween(before: BackendCpu | null, after: BackendCpu | null): number | null {
  if (!before || !after) return null;
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
