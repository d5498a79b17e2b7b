/**
 * `npm run bench:startup [-- --baseline-ref REF] [--rounds N] [--out FILE]`: start-up cost of the
 * `aos` command and of the app server, each beside its reference in the same run, rounds
 * interleaved so both sides see the same machine load. Medians of wall-clock milliseconds.
 *
 * - `aos --help` and every `aos <command> --help` against `node -e 0` (goal: at most 3×).
 * - `npm start` ready (`/healthz` answers 200) on an existing embedded database against a bare
 *   Probot app with one handler (goal: at most 2×), and the first start on a new data folder
 *   beside it (reported); when each answered `/readyz` 200 (database open) is reported too. The server is started with the command that `npm start` runs, without
 *   npm's own start-up, and so is the bare app; each is stopped with SIGTERM and waited for, so
 *   the next start finds a cleanly closed database as it would after Ctrl-C.
 * - With `--baseline-ref`: the first start on a new data folder, `aos check-residency` and
 *   `aos budget` on the embedded database against the same at REF (a temporary git worktree),
 *   goal at most half of REF's cost ("halved"); `aos --help` and the start on an existing data
 *   folder against REF too, reported. Both sides write the residency CSV to a path given with
 *   --output, so they do the same work.
 *
 * Builds dist/ first (`scripts/build.mjs`), as `npm install` does, and runs REF's `prepare` when
 * it has one. Writes metrics/performance/startup.csv (or --out).
 */
import { spawn, spawnSync, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, generateAppKey } from '../../test/helpers/start-aos-server.ts';
import { percentiles } from './lib/percentiles.ts';
import { writeCsv } from './lib/write-csv.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    'baseline-ref': { type: 'string' },
    rounds: { type: 'string', default: '7' },
    out: { type: 'string', default: 'metrics/performance/startup.csv' },
  },
});
const ROUNDS = Number(values.rounds);
const key = generateAppKey();
const scratch = fs.mkdtempSync(path.join(tmpdir(), 'aos-bench-startup-'));

interface Tree {
  label: string;
  root: string;
}

/** The command line `npm start` runs in `root`, split into program and arguments. */
function startCommand(root: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  return pkg.scripts.start.split(/\s+/);
}

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, LANG: process.env.LANG, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...extra };
}

/** Milliseconds one run of the command takes, start to exit; exit codes 0 and 1 (a finding) count as runs. */
function timeCommand(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status === null || result.status > 1)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.toString().slice(0, 400)}`);
  return ms;
}

/** When a started server answered. */
interface ServerTimes {
  /** Milliseconds from spawn to the first `/healthz` 200 (the process listens). */
  health: number;
  /** Milliseconds from spawn to the first `/readyz` 200 (database open, webhooks handled), when asked for. */
  ready: number;
}

/** When a server answered `/healthz` (and, with `ready`, `/readyz`) with 200; the server is then stopped. */
async function timeServerReady(command: string[], cwd: string, env: NodeJS.ProcessEnv, ready = false): Promise<ServerTimes> {
  // A port free when asked can be taken by another process before the server binds it: try again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await timeServerOnce(command, cwd, env, ready);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('already in use')) throw error;
    }
  }
}

/** Stops a server the way an operator does (SIGTERM), and kills it if it has not exited after 30 s. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

async function timeServerOnce(command: string[], cwd: string, env: NodeJS.ProcessEnv, ready: boolean): Promise<ServerTimes> {
  const port = await freePort();
  const start = process.hrtime.bigint();
  const child = spawn(command[0]!, command.slice(1), {
    cwd,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const answered = async (route: string) => {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode} before ${route} answered 200: ${stderr.slice(0, 400)}`);
      const ok = await fetch(`http://127.0.0.1:${port}${route}`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ok) return Number(process.hrtime.bigint() - start) / 1e6;
      if (Number(process.hrtime.bigint() - start) / 1e9 > 120) throw new Error(`${route} not 200 after 120 s: ${stderr.slice(0, 400)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  try {
    const health = await answered('/healthz');
    return { health, ready: ready ? await answered('/readyz') : health };
  } finally {
    await stopServer(child);
  }
}

function commandNames(tree: Tree): string[] {
  const overview = execFileSync('node', [path.join(tree.root, 'bin/aos.mjs'), '--help'], { cwd: scratch, env: baseEnv({}) }).toString();
  return overview
    .split('\n')
    .map((line) => /^ {2}([a-z][a-z-]*)\s/.exec(line)?.[1])
    .filter((name): name is string => Boolean(name));
}

function serverEnv(dataDir: string, tree: Tree): NodeJS.ProcessEnv {
  return baseEnv({
    APP_ID: '1',
    PRIVATE_KEY: key.privateKey,
    WEBHOOK_SECRET: 'bench-startup',
    AOS_DATA_DIR: dataDir,
    AOS_CONFIG_DIR: tree.root,
  });
}

/** The smallest Probot app: one handler, and a `/healthz` route on Probot's own server. */
function bareProbotApp(): string {
  const file = path.join(scratch, 'bare-probot', 'bare-probot.mjs');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Beside a node_modules link, so `probot` resolves to the project's copy.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(path.dirname(file), 'node_modules'));
  fs.writeFileSync(
    file,
    `import { run } from 'probot';\nawait run((app, { addHandler }) => {\n  app.on('issues.opened', async () => undefined);\n  addHandler((req, res) => { if (req.url === '/healthz') { res.writeHead(200); res.end('ok'); return true; } return false; });\n});\n`,
  );
  return file;
}

/** Runs the tree's `prepare` script when it has one (what `npm install` does). */
function prepare(root: string): void {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  if (pkg.scripts.prepare) execFileSync('npm', ['run', '--silent', 'prepare'], { cwd: root, stdio: 'inherit' });
}

function addBaseline(ref: string): Tree {
  const root = path.join(scratch, 'baseline');
  execFileSync('git', ['worktree', 'add', '--detach', root, ref], { cwd: ROOT, stdio: 'ignore' });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
  prepare(root);
  return { label: ref, root };
}

interface Row extends Record<string, string | number | boolean> {
  figure: string;
  ours_ms: number;
  reference: string;
  reference_ms: number;
  ratio: number;
  goal_ratio: number | string;
  met: boolean | string;
}

async function main(): Promise<void> {
  prepare(ROOT);
  const ours: Tree = { label: 'HEAD', root: ROOT };
  const baseline = values['baseline-ref'] ? addBaseline(values['baseline-ref']) : undefined;
  const rows: Row[] = [];
  /** One figure: medians of both sides, their ratio, and the goal (none for a figure only reported). */
  const row = (figure: string, oursSamples: number[], reference: string, referenceSamples: number[], goal?: number) => {
    const oursMs = percentiles(oursSamples).p50;
    const referenceMs = percentiles(referenceSamples).p50;
    const ratio = oursMs / referenceMs;
    const verdict = goal === undefined ? '(reported)' : `(goal ≤ ${goal}×) ${ratio <= goal ? 'MET' : 'NOT MET'}`;
    rows.push({
      figure,
      ours_ms: Number(oursMs.toFixed(1)),
      reference,
      reference_ms: Number(referenceMs.toFixed(1)),
      ratio: Number(ratio.toFixed(2)),
      goal_ratio: goal ?? '',
      met: goal === undefined ? '' : ratio <= goal,
    });
    console.log(`${figure}: ${oursMs.toFixed(0)} ms vs ${reference} ${referenceMs.toFixed(0)} ms = ${ratio.toFixed(2)}× ${verdict}`);
  };
  try {
    const aos = (tree: Tree, args: string[], env: NodeJS.ProcessEnv = baseEnv({ AOS_CONFIG_DIR: tree.root })) =>
      timeCommand('node', [path.join(tree.root, 'bin/aos.mjs'), ...args], scratch, env);
    const nodeBare = () => timeCommand('node', ['-e', '0'], scratch, baseEnv({}));

    // aos --help and each command's --help against a bare Node start.
    const names = commandNames(ours);
    const help = new Map<string, number[]>([['--help', []], ...names.map((name): [string, number[]] => [name, []])]);
    const bare: number[] = [];
    const helpBaseline: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      bare.push(nodeBare());
      help.get('--help')!.push(aos(ours, ['--help']));
      for (const name of names) help.get(name)!.push(aos(ours, [name, '--help']));
      if (baseline) helpBaseline.push(aos(baseline, ['--help']));
    }
    row('aos --help', help.get('--help')!, 'node -e 0', bare, 3);
    for (const name of names) row(`aos ${name} --help`, help.get(name)!, 'node -e 0', bare, 3);
    if (baseline) row('aos --help', help.get('--help')!, `the same at ${baseline.label}`, helpBaseline);

    // The server on an existing embedded database, and on a new one, against a bare Probot app.
    const dataDir = path.join(scratch, 'data-ours');
    const baselineDataDir = path.join(scratch, 'data-baseline');
    await timeServerReady(startCommand(ours.root), ours.root, serverEnv(dataDir, ours));
    if (baseline) await timeServerReady(startCommand(baseline.root), baseline.root, serverEnv(baselineDataDir, baseline));
    const bareApp = bareProbotApp();
    const serverOurs: ServerTimes[] = [];
    const firstOurs: ServerTimes[] = [];
    const serverBare: number[] = [];
    const firstBaseline: number[] = [];
    const serverBaseline: number[] = [];
    const newDataDir = (tree: Tree, round: number) => path.join(scratch, `new-${tree === ours ? 'ours' : 'baseline'}-${round}`);
    for (let round = 0; round < ROUNDS; round += 1) {
      serverBare.push(
        (await timeServerReady(['node', bareApp], path.dirname(bareApp), serverEnv(path.join(scratch, 'unused'), ours))).health,
      );
      serverOurs.push(await timeServerReady(startCommand(ours.root), ours.root, serverEnv(dataDir, ours), true));
      firstOurs.push(await timeServerReady(startCommand(ours.root), ours.root, serverEnv(newDataDir(ours, round), ours), true));
      if (!baseline) continue;
      serverBaseline.push((await timeServerReady(startCommand(baseline.root), baseline.root, serverEnv(baselineDataDir, baseline))).health);
      firstBaseline.push(
        (await timeServerReady(startCommand(baseline.root), baseline.root, serverEnv(newDataDir(baseline, round), baseline))).health,
      );
    }
    const health = (times: ServerTimes[]) => times.map((time) => time.health);
    const readiness = (times: ServerTimes[]) => times.map((time) => time.ready);
    row('npm start ready, existing data folder', health(serverOurs), 'bare Probot app', serverBare, 2);
    row('npm start ready, new data folder (first start)', health(firstOurs), 'bare Probot app', serverBare);
    // /readyz: the database is open and webhooks are handled, not only held (the bare app has no database to open).
    row('npm start /readyz 200, existing data folder', readiness(serverOurs), 'bare Probot app', serverBare);
    row('npm start /readyz 200, new data folder (first start)', readiness(firstOurs), 'bare Probot app', serverBare);
    // Against REF, ours counts until /readyz: before this version the server listened only once its database was open,
    // so REF's /healthz stands for the same work.
    if (baseline)
      row('npm start /readyz 200, existing data folder', readiness(serverOurs), `/healthz at ${baseline.label}`, serverBaseline);

    if (baseline) {
      const residencyOurs: number[] = [];
      const residencyBaseline: number[] = [];
      const budgetOurs: number[] = [];
      const budgetBaseline: number[] = [];
      const budgetEnv = (tree: Tree, dir: string) => baseEnv({ AOS_CONFIG_DIR: tree.root, AOS_DATA_DIR: dir });
      const residency = (tree: Tree, name: string) =>
        aos(tree, ['check-residency', '--output', path.join(scratch, `residency-${name}.csv`)]);
      // Each side's budget reads a database its own version made (by the server starts above).
      for (let round = 0; round < ROUNDS; round += 1) {
        residencyBaseline.push(residency(baseline, 'baseline'));
        residencyOurs.push(residency(ours, 'ours'));
        budgetBaseline.push(aos(baseline, ['budget'], budgetEnv(baseline, baselineDataDir)));
        budgetOurs.push(aos(ours, ['budget'], budgetEnv(ours, dataDir)));
      }
      row(
        'npm start /readyz 200, new data folder (first start)',
        readiness(firstOurs),
        `/healthz at ${baseline.label}`,
        firstBaseline,
        0.5,
      );
      row('aos check-residency', residencyOurs, `the same at ${baseline.label}`, residencyBaseline, 0.5);
      row('aos budget, embedded database', budgetOurs, `the same at ${baseline.label}`, budgetBaseline, 0.5);
    }
    writeCsv(path.resolve(ROOT, values.out!), ['figure', 'ours_ms', 'reference', 'reference_ms', 'ratio', 'goal_ratio', 'met'], rows);
    console.log(`wrote ${values.out}`);
  } finally {
    if (baseline) execFileSync('git', ['worktree', 'remove', '--force', baseline.root], { cwd: ROOT, stdio: 'ignore' });
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
