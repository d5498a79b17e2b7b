import { notFound } from './http-error.ts';
import { ok, R, type RouteParts } from './router.ts';

/** A collaborator's permission, as `options.collaborators` has it. */
export function addCollaboratorsRoutes({ route, double, model, json }: RouteParts): void {
  const { collaborators, userFor } = double;
  const { repoOf } = model;
  const { userJson } = json;
  route('GET', `${R}/collaborators/:user/permission`, ({ params }) => {
    repoOf(params[0]!, params[1]!);
    const role = collaborators[params[2]!];
    if (role === undefined) throw notFound(`${params[2]} is not a user`);
    // `permission` is the legacy name: maintain reads as write, triage as read.
    const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
    return ok({
      permission,
      role_name: role,
      user: {
        ...userJson(userFor(params[2]!)),
        permissions: {
          admin: role === 'admin',
          maintain: role === 'admin' || role === 'maintain',
          push: ['admin', 'maintain', 'write'].includes(role),
          triage: role !== 'read' && role !== 'none',
          pull: role !== 'none',
        },
      },
    });
  });
}
