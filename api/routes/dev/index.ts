/**
 * POST /v1/dev/token: the web console's sign-in on a developer's machine. It exists only when asked
 * for (DEV_TOKEN_ENDPOINT=1, which `npm start` sets; never with NODE_ENV=production) and answers
 * only callers on the same machine (loopback) that did not come through a proxy: a reverse proxy on
 * the same machine would make every caller look local, so any forwarding header is refused. The
 * token's subject is always `dev-<role>`, whatever the caller asks for: it names nobody. Anywhere
 * else, tokens come from `npm run token` or the organisation's identity provider.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HospitalRegistry } from '../../../config/hospitals';
import { signToken } from '../../../http/auth/tokens';
import { problemResponses } from '../../../http/openapi';
import { problems } from '../../../http/problems';
import { devTokenRequestSchema, devTokenSchema } from '../../../http/schemas';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const DEV_TOKEN_TTL_SECONDS = 8 * 3600;
const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'] as const;

export const devRoutes: FastifyPluginAsyncZod<{ authSecret: string; hospitals: HospitalRegistry }> = async (app, { authSecret, hospitals }) => {
  app.route({
    method: 'POST',
    url: '/v1/dev/token',
    schema: {
      tags: ['service'],
      operationId: 'devToken',
      security: [],
      summary: 'Development sign-in: a token for a role (DEV_TOKEN_ENDPOINT=1 only; loopback callers, not through a proxy)',
      description: 'The token\'s subject is `dev-<role>`; a `sub` in the body is ignored.',
      body: devTokenRequestSchema,
      response: { 200: devTokenSchema, ...problemResponses(403) },
    },
    handler: async (request) => {
      if (!LOOPBACK.has(request.ip)) throw problems.forbidden('development sign-in answers callers on this machine only');
      const forwarded = PROXY_HEADERS.find((header) => request.headers[header] !== undefined);
      if (forwarded) throw problems.forbidden(`development sign-in does not answer through a proxy (${forwarded})`);
      const { role, hospitalId } = request.body;
      const sub = `dev-${role}`;
      if (role === 'hospital' && (!hospitalId || !hospitals.byId.has(hospitalId))) {
        throw problems.validation([{ path: 'hospitalId', message: 'is required for the hospital role and must be in the registry' }]);
      }
      const { token, expiresAt } = await signToken(authSecret, { role, sub, hospitalId, ttlSeconds: DEV_TOKEN_TTL_SECONDS });
      request.log.info({ role, sub }, 'development token issued');
      return { token, expiresAt: expiresAt.toISOString() };
    },
  });
};
