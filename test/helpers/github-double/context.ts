import { nodeId } from './github-values.ts';
import type { DoublePermission, GithubDoubleOptions } from './options.ts';
import type { DoubleRequest, DoubleState, DoubleUser } from './state.ts';

/** What every part of the double shares: its state, the app, the people, ids and its own URL. */
export interface DoubleContext {
  readonly options: GithubDoubleOptions;
  readonly state: DoubleState;
  readonly requests: DoubleRequest[];
  readonly appId: number;
  readonly slug: string;
  readonly collaborators: Record<string, DoublePermission>;
  /** Every user handed out, by login. */
  readonly users: Map<string, DoubleUser>;
  /** The app's bot user, the author of everything aos writes. */
  readonly bot: DoubleUser;
  /** `http://127.0.0.1:<port>` once the server listens; every URL the double writes starts with it. */
  baseUrl: string;
  /** The next id of anything the double creates (users, repositories, issues, comments, …). */
  nextId(): number;
  /** The user of a login, created on first use; a login ending in `[bot]` is a bot. */
  userFor(login: string): DoubleUser;
}

/** An empty double for `options`: no repositories yet, and the app's bot as its first user. */
export function createDoubleContext(options: GithubDoubleOptions): DoubleContext {
  let counter = 1000;
  let baseUrl = '';
  const nextId = () => (counter += 1);
  const users = new Map<string, DoubleUser>();
  const userFor = (login: string): DoubleUser => {
    let user = users.get(login);
    if (!user) {
      const id = nextId();
      user = { login, id, node_id: nodeId('U_', id), type: login.endsWith('[bot]') ? 'Bot' : 'User', html_url: `${baseUrl}/${login}` };
      users.set(login, user);
    }
    return user;
  };
  const slug = options.app?.slug ?? 'aos';
  return {
    options,
    state: { repos: {}, reactions: [], tokens: new Map(), rateLimit: { limit: 5000, remaining: 5000, resetAt: Date.now() + 3_600_000 } },
    requests: [],
    appId: options.app?.id ?? 1,
    slug,
    collaborators: options.collaborators ?? {},
    users,
    bot: userFor(`${slug}[bot]`),
    get baseUrl() {
      return baseUrl;
    },
    set baseUrl(url: string) {
      baseUrl = url;
    },
    nextId,
    userFor,
  };
}
