/**
 * `npm run bench:startup [-- --baseline-ref REF] [--rounds N] [--out FILE]`: start-up cost of the
 * `aos` command and of the app server, each beside its reference in the same run, rounds
 * interleaved so both sides see the same machine load. Medians of wall-clock milliseconds.
 *
 * - `aos --help` and every `aos <command> --help` against `node -e 0` (goal: at most 3×).
 * - `npm start` ready (`/healthz` answers 200) on an existing embedded database against a bare
 *   Probot app with one handler (goal: at most 2×). The server is started with the command that
 *   `npm start` runs, without npm's own start-up, and so is the bare app.
 * - With `--baseline-ref`: `aos check-residency`, `aos budget` on the embedded database and the
 *   first start on a new data folder against the same at REF (a temporary git worktree), goal at
 *   most half of REF's cost ("halved").
 *
 * Writes metrics/performance/startup.csv (or --out).
 */
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, generateAppKey } from '../../test/helpers/start-aos-server.ts';
import { percentiles } from './lib/percentiles.ts';
import { writeCsv } from './lib/write-csv.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { 'baseline-ref': { type: 'string' }, rounds: { type: 'string', default: '7' }, out: { type: 'string', default: 'metrics/performance/startup.csv' } } });
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

/** Milliseconds one run of the command takes, start to exit. */
function timeCommand(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status === null || result.status > 1) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr.toString().slice(0, 400)}`);
  return ms;
}

/** Milliseconds from spawning a server to its first `/healthz` 200; the server is then stopped. */
async function timeServerReady(command: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  // A port free when asked can be taken by another process before the server binds it: try again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await timeServerOnce(command, cwd, env);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('already in use')) throw error;
    }
  }
}

async function timeServerOnce(command: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  const port = await freePort();
  const start = process.hrtime.bigint();
  const child = spawn(command[0]!, command.slice(1), { cwd, env: { ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode} before it was ready: ${stderr.slice(0, 400)}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.status === 200, () => false);
      if (ok) return Number(process.hrtime.bigint() - start) / 1e6;
      if (Number(process.hrtime.bigint() - start) / 1e9 > 120) throw new Error(`server not ready after 120 s: ${stderr.slice(0, 400)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
  }
}

function median(samples: number[]): number {
  return percentiles(samples).p50;
}

function commandNames(tree: Tree): string[] {
  const overview = execFileSync('node', [path.join(tree.root, 'bin/aos.mjs'), '--help'], { cwd: scratch, env: baseEnv({}) }).toString();
  return overview
    .split('\n')
    .map((line) => /^ {2}([a-z][a-z-]*)\s/.exec(line)?.[1])
    .filter((name): name is string => Boolean(name));
}

function serverEnv(dataDir: string, tree: Tree): NodeJS.ProcessEnv {
  return baseEnv({ APP_ID: '1', PRIVATE_KEY: key.privateKey, WEBHOOK_SECRET: 'bench-startup', AOS_DATA_DIR: dataDir, AOS_CONFIG_DIR: tree.root });
}

function bareProbotApp(): string {
  const file = path.join(ROOT, 'node_modules/.cache/aos-bench/bare-probot.mjs');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // The smallest Probot app: one handler, Probot's own server with /healthz-like readiness on a route.
  fs.writeFileSync(
    file,
    `import { run } from 'probot';\nawait run((app, { addHandler }) => {\n  app.on('issues.opened', async () => undefined);\n  addHandler((req, res) => { if (req.url === '/healthz') { res.writeHead(200); res.end('ok'); return true; } return false; });\n});\n`,
  );
  return file;
}

function addBaseline(ref: string): Tree {
  const root = path.join(scratch, 'baseline');
  execFileSync('git', ['worktree', 'add', '--detach', root, ref], { cwd: ROOT, stdio: 'ignore' });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  if (pkg.scripts.prepare) execFileSync('npm', ['run', '--silent', 'prepare'], { cwd: root, stdio: 'inherit' });
  return { label: ref, root };
}

interface Row extends Record<string, string | number | boolean> {
  figure: string;
  ours_ms: number;
  reference: string;
  reference_ms: number;
  ratio: number;
  goal_ratio: number;
  met: boolean;
}

async function main(): Promise<void> {
  const ours: Tree = { label: 'HEAD', root: ROOT };
  const baseline = values['baseline-ref'] ? addBaseline(values['baseline-ref']) : undefined;
  const rows: Row[] = [];
  const row = (figure: string, oursSamples: number[], reference: string, referenceSamples: number[], goal: number) => {
    const oursMs = median(oursSamples);
    const referenceMs = median(referenceSamples);
    const ratio = oursMs / referenceMs;
    rows.push({ figure, ours_ms: Number(oursMs.toFixed(1)), reference, reference_ms: Number(referenceMs.toFixed(1)), ratio: Number(ratio.toFixed(2)), goal_ratio: goal, met: ratio <= goal });
    console.log(`${figure}: ${oursMs.toFixed(0)} ms vs ${reference} ${referenceMs.toFixed(0)} ms = ${ratio.toFixed(2)}× (goal ≤ ${goal}×) ${ratio <= goal ? 'MET' : 'NOT MET'}`);
  };
  try {
    const aos = (tree: Tree, args: string[], env: NodeJS.ProcessEnv = baseEnv({ AOS_CONFIG_DIR: tree.root })) => timeCommand('node', [path.join(tree.root, 'bin/aos.mjs'), ...args], scratch, env);
    const nodeBare = () => timeCommand('node', ['-e', '0'], scratch, baseEnv({}));

    // aos --help and each command's --help against a bare Node start.
    const names = commandNames(ours);
    const help = new Map<string, number[]>([['--help', []], ...names.map((name): [string, number[]] => [name, []])]);
    const bare: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      bare.push(nodeBare());
      help.get('--help')!.push(aos(ours, ['--help']));
      for (const name of names) help.get(name)!.push(aos(ours, [name, '--help']));
    }
    row('aos --help', help.get('--help')!, 'node -e 0', bare, 3);
    for (const name of names) row(`aos ${name} --help`, help.get(name)!, 'node -e 0', bare, 3);

    // The server on an existing embedded database against a bare Probot app.
    const dataDir = path.join(scratch, 'data-ours');
    await timeServerReady(startCommand(ours.root), ours.root, serverEnv(dataDir, ours));
    const bareApp = bareProbotApp();
    const serverOurs: number[] = [];
    const serverBare: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      serverBare.push(await timeServerReady(['node', bareApp], ROOT, serverEnv(path.join(scratch, 'unused'), ours)));
      serverOurs.push(await timeServerReady(startCommand(ours.root), ours.root, serverEnv(dataDir, ours)));
    }
    row('npm start ready, existing data folder', serverOurs, 'bare Probot app', serverBare, 2);

    if (baseline) {
      const firstOurs: number[] = [];
      const firstBase: number[] = [];
      const residencyOurs: number[] = [];
      const residencyBase: number[] = [];
      const budgetOurs: number[] = [];
      const budgetBase: number[] = [];
      const budgetEnv = (tree: Tree, dir: string) => baseEnv({ AOS_CONFIG_DIR: tree.root, AOS_DATA_DIR: dir });
      const baseDir = path.join(scratch, 'data-baseline');
      for (let round = 0; round < ROUNDS; round += 1) {
        firstBase.push(await timeServerReady(startCommand(baseline.root), baseline.root, serverEnv(path.join(scratch, `new-baseline-${round}`), baseline)));
        firstOurs.push(await timeServerReady(startCommand(ours.root), ours.root, serverEnv(path.join(scratch, `new-ours-${round}`), ours)));
        residencyBase.push(aos(baseline, ['check-residency']));
        residencyOurs.push(aos(ours, ['check-residency']));
        budgetBase.push(aos(baseline, ['budget'], budgetEnv(baseline, baseDir)));
        budgetOurs.push(aos(ours, ['budget'], budgetEnv(ours, dataDir)));
      }
      row('npm start ready, new data folder (first start)', firstOurs, `the same at ${baseline.label}`, firstBase, 0.5);
      row('aos check-residency', residencyOurs, `the same at ${baseline.label}`, residencyBase, 0.5);
      row('aos budget, embedded database', budgetOurs, `the same at ${baseline.label}`, budgetBase, 0.5);
    }
    writeCsv(path.resolve(ROOT, values.out!), ['figure', 'ours_ms', 'reference', 'reference_ms', 'ratio', 'goal_ratio', 'met'], rows);
    console.log(`wrote ${values.out}`);
  } finally {
    if (baseline) execFileSync('git', ['worktree', 'remove', '--force', baseline.root], { cwd: ROOT, stdio: 'ignore' });
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
