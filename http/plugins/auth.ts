/**
 * Authentication and role checks for every route that declares `config.roles`: one hook, so no
 * handler repeats them. Runs in onRequest, before the body is read or validated: a caller without
 * a valid token learns nothing, not even whether its body would have been valid.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { decodeProtectedHeader } from 'jose';
import { OIDC_ALGORITHMS, type OidcVerifier } from '../auth/oidc';
import type { TokenStandingChecker } from '../auth/token-standing';
import type { Role } from '../../domain/actor';
import { TokenError, verifyToken, type Principal } from '../auth/tokens';
import { problems } from '../problems';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles allowed to call the route; absent for public service endpoints. */
    roles?: readonly Role[];
    /**
     * A path parameter that may carry the bearer token instead of the Authorization header: the
     * Temporal Web UI's codec settings hold only an endpoint URL (api/routes/codec).
     */
    tokenParam?: string;
    /** The route answers a token whose password must be changed first (the password change, the sign-out). */
    beforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface AuthOptions {
  authSecret: string;
  /** Hospital tokens must name a hospital of the registry the server runs with. */
  isKnownHospital: (hospitalId: string) => boolean;
  /** Refuses the tokens of signed-out sessions and disabled accounts. */
  standing: TokenStandingChecker;
  /** Tokens of the single sign-on (RS256/ES256), when OIDC_ISSUER is set. */
  oidc?: OidcVerifier | undefined;
}

/** Our own HS256 tokens, or the single sign-on's when the header names its algorithms. */
async function principalOfToken(options: AuthOptions, token: string): Promise<Principal> {
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    alg = undefined;
  }
  if (options.oidc && typeof alg === 'string' && OIDC_ALGORITHMS.includes(alg)) return options.oidc(token, options.isKnownHospital);
  const principal = await verifyToken(options.authSecret, token, { isKnownHospital: options.isKnownHospital });
  await options.standing.check(principal);
  return principal;
}

function bearerToken(request: FastifyRequest): string {
  const param = request.routeOptions.config.tokenParam;
  const fromPath = param ? (request.params as Record<string, string | undefined>)[param] : undefined;
  if (fromPath) return fromPath;
  const header = request.headers.authorization;
  if (!header) throw problems.unauthorized('send Authorization: Bearer <token> (npm run token -- --role <role>)');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw problems.unauthorized('the Authorization header must be "Bearer <token>"');
  return match[1]!;
}

/** The principal of an authenticated request; routes with `config.roles` always have one. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error('principalOf() on a route without config.roles');
  return request.principal;
}

export const authPlugin = fp(
  async (app: FastifyInstance, options: AuthOptions) => {
    app.decorateRequest('principal', null);
    app.addHook('onRequest', async (request, reply) => {
      const roles = request.routeOptions.config.roles;
      if (!roles) return;
      let principal: Principal;
      try {
        principal = await principalOfToken(options, bearerToken(request));
      } catch (error) {
        if (error instanceof TokenError) throw problems.unauthorized(error.message);
        throw error;
      }
      request.principal = principal;
      request.log = request.log.child({ sub: principal.sub, role: principal.role });
      reply.log = request.log;
      if (principal.account?.mustChangePassword && !request.routeOptions.config.beforePasswordChange) throw problems.passwordChangeRequired();
      if (!roles.includes(principal.role)) {
        throw problems.forbidden(`the ${principal.role} role may not do this; allowed: ${roles.join(', ')}`);
      }
    });
  },
  { name: 'auth' },
);
