import { num, ok, R, type RouteParts } from './router.ts';

/** The app and its installations: tokens for the installation, and what the app is. */
export function addAppRoutes({ route, double, json }: RouteParts): void {
  const { state, appId, slug, nextId, userFor } = double;
  const { userJson } = json;
  route(
    'POST',
    '/app/installations/:id/access_tokens',
    ({ params }) => {
      const installationId = num(params[0]);
      const token = `ghs_double${installationId}x${nextId()}`;
      state.tokens.set(token, installationId);
      return ok(
        {
          token,
          expires_at: new Date(Date.now() + 3_600_000).toISOString(),
          permissions: { issues: 'write', pull_requests: 'write', contents: 'write', checks: 'write', metadata: 'read' },
          repository_selection: 'all',
        },
        201,
      );
    },
    'jwt',
  );
  route(
    'GET',
    '/app/installations/:id',
    ({ params }) =>
      ok({
        id: num(params[0]),
        app_id: appId,
        app_slug: slug,
        account: userJson(userFor(Object.values(state.repos)[0]?.owner ?? 'octo')),
        target_type: 'Organization',
        permissions: {},
        events: [],
      }),
    'jwt',
  );
  route(
    'GET',
    '/app',
    () => ok({ id: appId, slug, name: slug, owner: userJson(userFor('octo')), html_url: `${double.baseUrl}/apps/${slug}` }),
    'jwt',
  );
  route('GET', '/rate_limit', () => {
    const core = {
      limit: state.rateLimit.limit,
      remaining: state.rateLimit.remaining,
      reset: Math.ceil(state.rateLimit.resetAt / 1000),
      used: state.rateLimit.limit - state.rateLimit.remaining,
    };
    return ok({ resources: { core }, rate: core });
  });
  route('GET', `${R}/installation`, ({ params }) => ok({ id: 42, app_id: appId, account: userJson(userFor(params[0]!)) }), 'jwt');
}
