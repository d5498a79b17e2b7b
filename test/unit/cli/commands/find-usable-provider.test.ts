import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUsableProvider } from '#src/cli/commands/find-usable-provider.ts';
import { loadConfig } from '#src/config/index.ts';
import { createProviders } from '#src/llm/providers/create-providers.ts';

let server: http.Server;
let serverUrl = '';
let probes: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    probes.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"object":"list","data":[]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function closedUrl(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

function check(env: { local: string; openai?: string; anthropic?: string; anthropicUrl?: string }) {
  probes = [];
  const config = loadConfig({
    configDir: process.cwd(),
    env: { AOS_LOCAL_LLM_URL: env.local, ...(env.anthropicUrl ? { ANTHROPIC_BASE_URL: env.anthropicUrl } : {}) },
  });
  return findUsableProvider({
    config,
    providers: createProviders({ residency: config.residency, keys: { openai: env.openai, anthropic: env.anthropic } }),
    probeTimeoutMs: 1000,
  });
}

describe('findUsableProvider', () => {
  it('takes OpenAI on its EU endpoint when a key is set, without probing the local server', async () => {
    expect(await check({ local: serverUrl, openai: 'sk-test' })).toEqual({ ok: true, provider: 'openai' });
    expect(probes).toEqual([]);
  });

  it('takes the local server when it answers GET /models', async () => {
    expect(await check({ local: serverUrl })).toEqual({ ok: true, provider: 'local' });
    expect(probes).toEqual(['GET /v1/models']);
  });

  it('names every variable to set when nothing is configured and the local server is down', async () => {
    const url = await closedUrl();
    const result = await check({ local: url });
    expect(result.ok).toBe(false);
    const text = result.ok ? '' : result.lines.join('\n');
    expect(text).toMatch(
      /OPENAI_API_KEY\s+an API key of an OpenAI project with data residency "Europe"; aos calls the EU endpoint https:\/\/eu\.api\.openai\.com\/v1/,
    );
    expect(text).toMatch(/ANTHROPIC_API_KEY\s+note: blocked by EU residency unless ANTHROPIC_BASE_URL is an EU host/);
    expect(text).toContain(`AOS_LOCAL_LLM_URL  the /v1 URL of an OpenAI-compatible server`);
    expect(text).toContain(`nothing answered GET ${url}/models within 1 s`);
  });

  it('does not count an Anthropic key on the global endpoint, and says why', async () => {
    const result = await check({ local: await closedUrl(), anthropic: 'sk-ant-test' });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.lines.join('\n')).toMatch(
      /ANTHROPIC_API_KEY\s+is set, but anthropic endpoint api\.anthropic\.com is not an EU host/,
    );
  });

  it('counts Anthropic through Bedrock in an EU region', async () => {
    expect(
      await check({
        local: await closedUrl(),
        anthropic: 'sk-ant-test',
        anthropicUrl: 'https://bedrock-runtime.eu-central-1.amazonaws.com',
      }),
    ).toEqual({ ok: true, provider: 'anthropic' });
  });

  it('never probes a local endpoint that fails residency', async () => {
    const result = await check({ local: 'https://llm.example.com/v1' });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.lines.at(-1)).toContain('set, but');
  });
});
