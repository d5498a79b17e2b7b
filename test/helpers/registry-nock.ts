import nock from 'nock';

/**
 * Named nock set-ups for the package sources aos asks: an npm registry, PyPI's JSON API and OSV.
 * Each `…Request` is the interceptor of one kind of request, for a test that wants its own answer
 * (an error, a retry, a header to match); each `nock…` answers it the usual way. The paths are
 * written out here, not taken from the clients, so a client that asks the wrong path fails.
 */

/** A scope on the origin of `base` and the path `base` has (a registry may live below a path). */
function under(base: string, path: string): { scope: nock.Scope; path: string } {
  const url = new URL(base);
  return { scope: nock(url.origin), path: `${url.pathname.replace(/\/$/, '')}${path}` };
}

/** GET of a package document: `<registry>/<name>`, a scoped name's slash encoded as npm clients send it. */
export function npmPackageRequest(registry: string, name: string): nock.Interceptor {
  const { scope, path } = under(registry, `/${name.replace('/', '%2f')}`);
  return scope.get(path);
}

/** The registry answers the package document of `name` with `doc` (a packument). */
export function nockNpmPackage(registry: string, name: string, doc: nock.Body): nock.Scope {
  return npmPackageRequest(registry, name).reply(200, doc);
}

/** The registry does not know `name`: 404, with the body the public registry sends. */
export function nockNpmMissing(registry: string, name: string): nock.Scope {
  return npmPackageRequest(registry, name).reply(404, { error: 'Not found' });
}

/** POST of an OSV batch query: `<osv>/v1/querybatch`, matched on `body` when given. */
export function osvQueryRequest(osv: string, body?: nock.RequestBodyMatcher): nock.Interceptor {
  const { scope, path } = under(osv, '/v1/querybatch');
  return scope.post(path, body);
}

/** OSV answers one batch query with `answer` (`{ results: […] }`, one result per query). */
export function nockOsvQuery(osv: string, answer: nock.Body, body?: nock.RequestBodyMatcher): nock.Scope {
  return osvQueryRequest(osv, body).reply(200, answer);
}

/** GET of an OSV record: `<osv>/v1/vulns/<id>`. */
export function osvVulnRequest(osv: string, id: string): nock.Interceptor {
  const { scope, path } = under(osv, `/v1/vulns/${id}`);
  return scope.get(path);
}

/** OSV answers the record of `id` with `record`. */
export function nockOsvVuln(osv: string, id: string, record: nock.Body): nock.Scope {
  return osvVulnRequest(osv, id).reply(200, record);
}

/** GET of a PyPI project document: `<pypi>/pypi/<name>/json`. */
export function pypiProjectRequest(pypi: string, name: string): nock.Interceptor {
  const { scope, path } = under(pypi, `/pypi/${name}/json`);
  return scope.get(path);
}

/** PyPI answers the project document of `name` with `doc`. */
export function nockPypiProject(pypi: string, name: string, doc: nock.Body): nock.Scope {
  return pypiProjectRequest(pypi, name).reply(200, doc);
}

/** PyPI does not know the project `name`: 404. */
export function nockPypiMissing(pypi: string, name: string): nock.Scope {
  return pypiProjectRequest(pypi, name).reply(404);
}

/** PyPI answers the document of one release, `<pypi>/pypi/<name>/<version>/json`, with `doc`. */
export function nockPypiRelease(pypi: string, name: string, version: string, doc: nock.Body): nock.Scope {
  const { scope, path } = under(pypi, `/pypi/${name}/${version}/json`);
  return scope.get(path).reply(200, doc);
}
