import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the npm registry and OSV doubles know. */
export interface RegistryDoubleOptions {
  /** Package name → its published versions (the last is `latest`); any other name is a 404. */
  npm: Record<string, string[]>;
  /** The `modified` of every package document. */
  modified: string;
  /** Package name → the one advisory OSV has for it, whatever the version; OSV knows nothing else. */
  advisories?: Record<string, { id: string; [field: string]: unknown }>;
}

/** An npm registry (under `<url>/npm`) and OSV (under `<url>/osv`) on loopback, over real HTTP. */
export interface RegistryDouble {
  url: string;
  /** Every request, as `METHOD /decoded/path`. */
  requests: string[];
  close(): Promise<void>;
}

/** Starts the doubles on 127.0.0.1, on a free port. */
export async function startRegistryDouble(options: RegistryDoubleOptions): Promise<RegistryDouble> {
  const advisories = options.advisories ?? {};
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const url = decodeURIComponent(req.url ?? '');
      requests.push(`${req.method} ${url}`);
      const send = (status: number, json: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      if (url === '/osv/v1/querybatch') {
        const queries = (JSON.parse(body) as { queries: Array<{ package: { name: string } }> }).queries;
        return send(200, {
          results: queries.map((query) =>
            advisories[query.package.name] ? { vulns: [{ id: advisories[query.package.name]!.id, modified: options.modified }] } : {},
          ),
        });
      }
      const advisory = Object.values(advisories).find((candidate) => url === `/osv/v1/vulns/${candidate.id}`);
      if (advisory) return send(200, advisory);
      // The abbreviated document (application/vnd.npm.install-v1+json), as registries send it.
      const name = url.replace(/^\/npm\//, '');
      const versions = options.npm[name];
      if (!versions) return send(404, { error: 'Not found' });
      return send(200, {
        name,
        modified: options.modified,
        'dist-tags': { latest: versions.at(-1) },
        versions: Object.fromEntries(versions.map((v) => [v, { name, version: v }])),
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
