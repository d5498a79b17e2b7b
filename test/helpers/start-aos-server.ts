import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

/** A GitHub App key pair as GitHub hands it out (PKCS#1 PEM), made fresh for a test. */
export function generateAppKey(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
}

/** A TCP port free at the time of asking (bound to port 0, then released). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Options of `startAosServer`. */
export interface StartAosServerOptions {
  /** `host:port` of the GitHub double (GHE_HOST); it is spoken to over plain http. */
  githubHost: string;
  /** The OpenAI-compatible model double (AOS_LOCAL_LLM_URL). */
  modelUrl: string;
  privateKey: string;
  webhookSecret: string;
  /** Embedded PGlite folder (AOS_DATA_DIR), a new temporary one when absent; reuse it to restart on the same data. */
  dataDir?: string;
  /** PostgreSQL instead of PGlite. */
  databaseUrl?: string;
  /** Port to listen on; a free one when absent. Reuse it to restart at the same URL. */
  port?: number;
  /** Extra variables (AOS_NPM_REGISTRY, AOS_OSV_URL, …). */
  env?: Record<string, string>;
  /** How long to wait for `/healthz`. */
  startTimeoutMs?: number;
  /**
   * What to wait for before resolving: `readyz` (default), the server is up with its database open; `healthz`, it
   * listens (the database may still be opening, and webhooks sent now are held until it is open).
   */
  waitFor?: 'healthz' | 'readyz';
}

/**
 * The environment of an aos child process (server or worker) against the GitHub and model doubles:
 * a clean one, so nothing of the developer's shell (vendor keys, DATABASE_URL, REDIS_URL) leaks in.
 */
export function aosChildEnv(options: {
  privateKey: string;
  githubHost: string;
  modelUrl: string;
  extra?: Record<string, string | undefined>;
}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    LANG: process.env.LANG,
    NODE_ENV: 'test',
    APP_ID: '1',
    PRIVATE_KEY: options.privateKey,
    GHE_HOST: options.githubHost,
    GHE_PROTOCOL: 'http',
    AOS_CONFIG_DIR: PROJECT_ROOT,
    AOS_LOCAL_LLM_URL: options.modelUrl,
    LOG_FORMAT: 'json',
    // The double has no secondary rate limit: writes one at a time, without GitHub's 1-3 s between them.
    AOS_GITHUB_WRITE_INTERVAL_MS: '0',
    // Never the public registry: a lookup nobody planned for fails here instead of leaving the machine.
    AOS_NPM_REGISTRY: 'http://127.0.0.1:9/unused-npm-registry',
    ...options.extra,
  };
  for (const name of Object.keys(env)) if (env[name] === undefined) delete env[name];
  return env;
}

/** The app server running as a child process. */
export interface AosServer {
  url: string;
  port: number;
  webhookUrl: string;
  pid: number;
  /** The PGlite folder (unused with a database URL). */
  dataDir: string;
  /** Sends a signal; resolves with the exit code or signal once the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (graceful shutdown), SIGKILL if it is still there after 10 s. */
  stop(): Promise<void>;
  /** Everything the process wrote to stdout and stderr so far. */
  logs(): string;
}

/**
 * Starts `node bin/start-server.mjs` (what `npm start` runs: the build in dist/ when current, else the sources) against the GitHub double and the
 * model double, with only the local model provider configured (no vendor keys), JSON logs, and its
 * own database; resolves once `GET /readyz` (or `/healthz`, see waitFor) answers 200, rejects with the logs if the process
 * exits or does not answer in time.
 */
export async function startAosServer(options: StartAosServerOptions): Promise<AosServer> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'aos-e2e-data-'));
  const env = aosChildEnv({
    privateKey: options.privateKey,
    githubHost: options.githubHost,
    modelUrl: options.modelUrl,
    extra: {
      WEBHOOK_SECRET: options.webhookSecret,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      // The data folder also holds the repository cache, so it is the test's own even on PostgreSQL.
      AOS_DATA_DIR: dataDir,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
  });

  const child: ChildProcess = spawn(process.execPath, ['bin/start-server.mjs'], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  const logs = () => output.join('');

  const url = `http://127.0.0.1:${port}`;
  const waitFor = options.waitFor ?? 'readyz';
  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
  for (;;) {
    if (gone) throw new Error(`aos server exited before it was healthy:\n${logs()}`);
    const healthy = await fetch(`${url}/${waitFor}`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`aos server did not answer /${waitFor} with 200 in time:\n${logs()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (!gone) child.kill(signal);
    return exited;
  };
  return {
    url,
    port,
    webhookUrl: `${url}/api/github/webhooks`,
    pid: child.pid!,
    dataDir,
    kill,
    async stop() {
      if (gone) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await kill('SIGTERM');
      clearTimeout(timer);
    },
    logs,
  };
}
