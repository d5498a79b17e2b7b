/** Where the REST API lives, as Probot addresses GitHub Enterprise via GHE_HOST. */
export const API = '/api/v3';

/** The `documentation_url` of GitHub's error answers. */
export const DOCS = 'https://docs.github.com/rest';

/** A timestamp as GitHub writes them. */
export const now = () => new Date().toISOString();

/** A GraphQL node id of the kind GitHub hands out (`I_…`, `PR_…`): base64 of the kind and the id. */
export const nodeId = (kind: string, id: number) => Buffer.from(`${kind}${id}`).toString('base64').replace(/=+$/, '');
