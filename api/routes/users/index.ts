/** /v1/admin/users and /v1/admin/sign-ins: accounts and the sign-in audit, for administrators. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema';
import { newUserSchema, passwordResetSchema, signInAuditQuerySchema, signInAuditSchema, userListSchema, userSchema, usernameParamsSchema } from '../../account-schemas';
import { BEARER_SECURITY, securedProblemResponses } from '../../../http/openapi';
import { principalOf } from '../../../http/plugins/auth';
import { listAudit, listUsers, type User } from '../../../store/users';
import type { UserAdminService } from '../../services/user-admin.service';

const ADMIN = { roles: ['admin'] as const };
const TAGS = ['admin'];

function userView(user: User) {
  return { ...user, createdAt: user.createdAt.toISOString(), lastSignInAt: user.lastSignInAt?.toISOString() ?? null };
}

export const userRoutes: FastifyPluginAsyncZod<{ users: UserAdminService; db: Kysely<Database> }> = async (app, { users, db }) => {
  app.route({
    method: 'POST',
    url: '/v1/admin/users',
    config: ADMIN,
    schema: {
      tags: TAGS,
      operationId: 'createUser',
      summary: 'Create an account',
      description:
        'A hospital account names a hospital of the registry. `initialPassword` follows the password rules (at least 12 ' +
        'characters, not the user name) and must be changed at the first sign-in. A user name that is taken: 422.',
      security: BEARER_SECURITY,
      body: newUserSchema,
      response: { 201: userSchema, ...securedProblemResponses(422) },
    },
    handler: async (request, reply) => reply.code(201).send(userView(await users.create(request.body, principalOf(request), request.ip))),
  });

  app.route({
    method: 'GET',
    url: '/v1/admin/users',
    config: ADMIN,
    schema: {
      tags: TAGS,
      operationId: 'listUsers',
      summary: 'Every account, with its last sign-in',
      security: BEARER_SECURITY,
      response: { 200: userListSchema, ...securedProblemResponses() },
    },
    handler: async () => ({ items: (await listUsers(db)).map(userView) }),
  });

  for (const [action, disabled] of [['disable', true], ['enable', false]] as const) {
    app.route({
      method: 'POST',
      url: `/v1/admin/users/:username/${action}`,
      config: ADMIN,
      schema: {
        tags: TAGS,
        operationId: `${action}User`,
        summary: disabled ? 'Disable an account: its tokens are refused within 30 s everywhere' : 'Enable a disabled account',
        description: disabled ? 'Every API process refuses the account\'s tokens within REVOCATION_CACHE_TTL (30 s). An administrator cannot disable their own account (422).' : undefined,
        security: BEARER_SECURITY,
        params: usernameParamsSchema,
        response: { 200: userSchema, ...securedProblemResponses(404, 422) },
      },
      handler: async (request) => userView(await users.setDisabled(request.params.username, disabled, principalOf(request), request.ip)),
    });
  }

  app.route({
    method: 'POST',
    url: '/v1/admin/users/:username/reset-password',
    config: ADMIN,
    schema: {
      tags: TAGS,
      operationId: 'resetUserPassword',
      summary: 'Give an account a new one-time password',
      description: 'The account\'s tokens are refused from now on; the password must be changed at the next sign-in.',
      security: BEARER_SECURITY,
      params: usernameParamsSchema,
      response: { 200: passwordResetSchema, ...securedProblemResponses(404) },
    },
    handler: async (request) => {
      const { user, initialPassword } = await users.resetPassword(request.params.username, principalOf(request), request.ip);
      return { user: userView(user), initialPassword };
    },
  });

  app.route({
    method: 'GET',
    url: '/v1/admin/sign-ins',
    config: ADMIN,
    schema: {
      tags: TAGS,
      operationId: 'listSignIns',
      summary: 'The sign-in audit, newest first',
      description: 'Sign-ins, failures, lock-outs, sign-outs, password changes, and what administrators did to accounts.',
      security: BEARER_SECURITY,
      querystring: signInAuditQuerySchema,
      response: { 200: signInAuditSchema, ...securedProblemResponses() },
    },
    handler: async (request) => {
      const { limit, before, username } = request.query;
      const entries = await listAudit(db, { limit, ...(before !== undefined ? { before } : {}), ...(username !== undefined ? { username } : {}) });
      return {
        items: entries.map(({ byUsername, at, ...entry }) => ({ ...entry, at: at.toISOString(), by: byUsername })),
        nextBefore: entries.length === limit ? entries[entries.length - 1]!.id : null,
      };
    },
  });
};
