/** /v1/auth: how to sign in, signing in with a user name and password, who am I, signing out, changing one's password. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { passwordChangeSchema, principalSchema, signedInSchema, signedOutSchema, signInMethodsSchema, signInRequestSchema } from '../../account-schemas';
import type { SignInMethods } from '../../../http/auth/sign-in-methods';
import { ROLES } from '../../../domain/actor';
import { BEARER_SECURITY, problemResponse, problemResponses, securedProblemResponses } from '../../../http/openapi';
import { principalOf } from '../../../http/plugins/auth';
import type { SignInService } from '../../services/sign-in.service';

const TAGS = ['auth'];
// Signing out and changing the password are what a token that must change its password may do.
const ANY_ACCOUNT = { roles: ROLES, beforePasswordChange: true };

export interface AuthRoutesOptions {
  signIn: SignInService;
  methods: () => Promise<SignInMethods>;
}

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, { signIn, methods }) => {
  app.route({
    method: 'GET',
    url: '/v1/auth/methods',
    schema: {
      tags: TAGS,
      operationId: 'signInMethods',
      security: [],
      summary: 'How the console may sign in (besides a user name and password)',
      response: { 200: signInMethodsSchema, ...problemResponses() },
    },
    handler: async () => methods(),
  });

  app.route({
    method: 'GET',
    url: '/v1/auth/me',
    config: { roles: ROLES },
    schema: {
      tags: TAGS,
      operationId: 'whoAmI',
      summary: 'Who the token says the caller is (a single sign-on token\'s role as mapped here)',
      security: BEARER_SECURITY,
      response: { 200: principalSchema, ...securedProblemResponses() },
    },
    handler: async (request) => {
      const { sub, role, hospitalId } = principalOf(request);
      return { sub, role, hospitalId };
    },
  });

  app.route({
    method: 'POST',
    url: '/v1/auth/login',
    schema: {
      tags: TAGS,
      operationId: 'signIn',
      security: [],
      summary: 'Sign in with a user name and password',
      description:
        'Answers an access token (HS256, at most 8 hours; ACCESS_TOKEN_TTL). An unknown user name, a wrong password and a ' +
        'disabled account all get the same 401 `invalid-credentials`. SIGN_IN_MAX_FAILURES (5) failures for one user name ' +
        'within SIGN_IN_LOCKOUT (15 min) lock it for SIGN_IN_LOCKOUT: 429 `locked` with `retryAfter`. With ' +
        '`mustChangePassword`, the token may only change the password or sign out.',
      body: signInRequestSchema,
      response: {
        200: signedInSchema,
        ...problemResponses(),
        401: problemResponse(401, '`invalid-credentials`: the user name or the password is wrong (the same answer for both)'),
        429: problemResponse(429),
      },
    },
    handler: async (request) => signIn.signIn(request.body.username, request.body.password, request.ip),
  });

  app.route({
    method: 'POST',
    url: '/v1/auth/logout',
    config: ANY_ACCOUNT,
    schema: {
      tags: TAGS,
      operationId: 'signOut',
      summary: 'Sign out: the token it is called with is refused from now on',
      description: 'Every API process refuses the token within REVOCATION_CACHE_TTL (30 s). A token of `npm run token` has nothing to revoke and simply expires.',
      security: BEARER_SECURITY,
      response: { 200: signedOutSchema, ...securedProblemResponses() },
    },
    handler: async (request) => ({ revoked: await signIn.signOut(principalOf(request), request.ip) }),
  });

  app.route({
    method: 'POST',
    url: '/v1/auth/password',
    config: ANY_ACCOUNT,
    schema: {
      tags: TAGS,
      operationId: 'changePassword',
      summary: 'Change one\'s own password',
      description:
        'The new password has at least 12 characters and is not the user name. Every older token of the account is ' +
        'refused from now on; the answer is a fresh sign-in. A token of `npm run token` has no password to change: 422.',
      security: BEARER_SECURITY,
      body: passwordChangeSchema,
      response: { 200: signedInSchema, ...securedProblemResponses(422) },
    },
    handler: async (request) => signIn.changePassword(principalOf(request), request.body.currentPassword, request.body.newPassword, request.ip),
  });
};
