import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './start-aos-server.ts';

/** The full path of an executable on PATH, or undefined. */
export function findExecutable(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/**
 * Debian's `prometheus` package: the server and promtool. Locally a test without them is skipped
 * with a warning; under CI=true it runs and fails, because .ci/run installs the package.
 */
export function prometheusBinaries() {
  const promtool = findExecutable('promtool');
  const prometheus = findExecutable('prometheus');
  const onCi = process.env.CI === 'true';
  return {
    promtool,
    prometheus,
    /** True when the tests needing `binary` must be skipped: missing, and not under CI. */
    skip(binary: 'promtool' | 'prometheus'): boolean {
      const missing = (binary === 'promtool' ? promtool : prometheus) === undefined;
      if (missing && !onCi)
        console.warn(`${binary} tests skipped: ${binary} is not on PATH (apt-get install prometheus); under CI=true this is a failure`);
      return missing && !onCi;
    },
    /** The path of `binary`; throws (failing the test) when it is missing under CI. */
    require(binary: 'promtool' | 'prometheus'): string {
      const found = binary === 'promtool' ? promtool : prometheus;
      if (!found) throw new Error(`CI=true but ${binary} is missing: install Debian's prometheus package (.ci/run does)`);
      return found;
    },
  };
}

/** A Prometheus server of our own: loopback only, its own config and data in a temporary folder. */
export interface PrometheusServer {
  url: string;
  /** SIGTERM, SIGKILL after 10 s; removes the temporary folder. */
  stop(): Promise<void>;
  logs(): string;
}

/**
 * Starts `prometheus` scraping `target` (host:port) every second and evaluating `ruleFiles` every
 * second, listening on 127.0.0.1 at a free port with its TSDB in a temporary folder; resolves once
 * `/-/ready` answers 200.
 */
export async function startPrometheus(options: {
  binary: string;
  target: string;
  ruleFiles: string[];
  startTimeoutMs?: number;
}): Promise<PrometheusServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'aos-prometheus-'));
  const config = path.join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'rule_files:',
      ...options.ruleFiles.map((file) => `  - ${JSON.stringify(file)}`),
      'scrape_configs:',
      '  - job_name: aos',
      '    static_configs:',
      `      - targets: [${JSON.stringify(options.target)}]`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const child: ChildProcess = spawn(
    options.binary,
    [`--config.file=${config}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  const logs = () => output.join('');
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!gone) {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (gone) {
      await stop();
      throw new Error(`prometheus exited before it was ready:\n${logs()}`);
    }
    const ready = await fetch(`${url}/-/ready`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus did not answer /-/ready in time:\n${logs()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, stop, logs };
}
