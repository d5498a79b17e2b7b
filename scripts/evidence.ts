/**
 * `npm run evidence`: reads the measured figures named in contracts/targets.yaml from the CSVs
 * under metrics/ (written only by `npm run bench`) and vitest's JSON report, judges each against
 * our goal (the specification's bound beside it), writes evidence/gates/g1_architecture.json and
 * rewrites the performance table of docs/architecture/phase1_architecture.md between its markers.
 *
 * Exit 0 when every subsystem passes, 1 when a target is not met or a figure is missing (each
 * printed on its own line), 2 on bad usage or an invalid targets file.
 *
 * Options: --root <dir> (project root, default the working directory), --targets <file>,
 * --metrics-dir <dir> (read metrics/… from here instead), --vitest-report <file>, --out <file>,
 * --doc <file>, --no-doc.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateTargets } from './lib/evaluate-targets.ts';
import { displayPath } from './lib/locate-evidence.ts';
import { loadTargets } from './lib/load-targets.ts';
import { renderPerfTable } from './lib/render-perf-table.ts';
import { replaceBetweenMarkers } from './lib/replace-between-markers.ts';
import { UsageFailure } from './lib/usage-failure.ts';

const START = '<!-- perf-table:start -->';
const END = '<!-- perf-table:end -->';

function options() {
  try {
    return parseArgs({
      options: {
        root: { type: 'string' },
        targets: { type: 'string' },
        'metrics-dir': { type: 'string' },
        'vitest-report': { type: 'string' },
        out: { type: 'string' },
        doc: { type: 'string' },
        'no-doc': { type: 'boolean' },
        help: { type: 'boolean' },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageFailure(error instanceof Error ? error.message : String(error));
  }
}

function main(): number {
  const values = options();
  if (values.help) {
    console.log(
      'Usage: npm run evidence -- [--root <dir>] [--targets <file>] [--metrics-dir <dir>] [--vitest-report <file>] [--out <file>] [--doc <file> | --no-doc]',
    );
    return 0;
  }
  const root = path.resolve(values.root ?? '.');
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageFailure(`--root ${root} is not a directory`);
  const targetsPath = path.resolve(root, values.targets ?? 'contracts/targets.yaml');
  const targets = loadTargets(targetsPath);
  const report = evaluateTargets(
    targets,
    { root, metricsDir: values['metrics-dir'], vitestReport: values['vitest-report'] },
    { targetsPath: displayPath(targetsPath, root) },
  );

  const out = path.resolve(root, values.out ?? 'evidence/gates/g1_architecture.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

  const subsystems = Object.entries(report.subsystems);
  const passing = subsystems.filter(([, subsystem]) => subsystem.status === 'PASS').length;
  console.log(`G1 architecture gate: ${report.verdict} (${passing} of ${subsystems.length} subsystems pass)`);
  for (const [name, subsystem] of subsystems) {
    const met = subsystem.figures.filter((figure) => figure.status === 'PASS').length;
    console.log(`${subsystem.status} ${name}: ${met} of ${subsystem.figures.length} targets met`);
  }
  if (report.unmet.length > 0) {
    console.log('targets not met:');
    for (const line of report.unmet) console.log(line);
  }
  console.log(`wrote ${displayPath(out, root)}`);

  if (!values['no-doc']) {
    const doc = path.resolve(root, values.doc ?? 'docs/architecture/phase1_architecture.md');
    const text = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : null;
    const updated = text === null ? null : replaceBetweenMarkers(text, START, END, renderPerfTable(report));
    if (updated === null)
      console.log(
        `performance table not written: ${displayPath(doc, root)} ${text === null ? 'does not exist' : `has no ${START} … ${END} markers`}`,
      );
    else {
      fs.writeFileSync(doc, updated);
      console.log(`updated the performance table in ${displayPath(doc, root)}`);
    }
  }
  return report.verdict === 'PASS' ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (error) {
  if (error instanceof UsageFailure) {
    console.error(`evidence: ${error.message}`);
    process.exitCode = 2;
  } else {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  }
}
