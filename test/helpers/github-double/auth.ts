import { verify as verifySignature } from 'node:crypto';
import type { DoubleContext } from './context.ts';
import type { DoubleRequest } from './state.ts';

/** Who a request is: the app (a JWT, checked against the app's public key when given), an installation (a token the double handed out), or nobody. */
export type RequestAuth = { kind: DoubleRequest['auth']; installationId: number | null; jwtValid: boolean };

/** Reads the Authorization header of a request as GitHub does. */
export function createAuthOf({ state, appId, options }: DoubleContext): (header: string | undefined) => RequestAuth {
  const checkJwt = (token: string): boolean => {
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) return false;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown; exp?: number };
      if (String(claims.iss) !== String(appId) || typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return false;
      const publicKey = options.app?.publicKey;
      return (
        publicKey === undefined ||
        verifySignature('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'))
      );
    } catch {
      return false;
    }
  };
  const authOf = (header: string | undefined): RequestAuth => {
    const match = /^(?:bearer|token)\s+(\S+)$/i.exec(header ?? '');
    if (!match) return { kind: 'none', installationId: null, jwtValid: false };
    const installationId = state.tokens.get(match[1]!);
    if (installationId !== undefined) return { kind: 'installation', installationId, jwtValid: false };
    return { kind: 'jwt', installationId: null, jwtValid: checkJwt(match[1]!) };
  };
  return authOf;
}
