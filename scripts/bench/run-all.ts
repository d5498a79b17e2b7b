/**
 * `npm run bench`: every benchmark, one after another (they share the machine's two cores, so
 * running them together would measure each other). Exits non-zero if any benchmark failed to run;
 * whether a target was met is for each benchmark's own MET / NOT MET lines and `npm run evidence`.
 */
import { spawnSync } from 'node:child_process';

const BENCHMARKS = [
  'bench:state',
  'bench:router',
  'bench:graph',
  'bench:packages',
  'bench:notify',
  'bench:webhook',
  'bench:startup',
  'bench:repo',
];
const failed: string[] = [];
for (const name of BENCHMARKS) {
  console.log(`\n=== npm run ${name}`);
  const result = spawnSync('npm', ['run', '--silent', name], { stdio: 'inherit' });
  if (result.status !== 0) failed.push(name);
}
if (failed.length > 0) {
  console.error(`\nbenchmarks that did not run to the end: ${failed.join(', ')}`);
  process.exit(1);
}
