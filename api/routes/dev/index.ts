/**
 * POST /v1/dev/token: the web console's sign-in on a developer's machine. It exists only outside
 * production (NODE_ENV != production) and answers only callers on the same machine (loopback):
 * anywhere else, tokens come from `npm run token` or the organisation's identity provider.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HospitalRegistry } from '../../../config/hospitals';
import { signToken } from '../../auth/tokens';
import { problemResponses } from '../../openapi';
import { problems } from '../../problems';
import { devTokenRequestSchema, devTokenSchema } from '../../schemas';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const DEV_TOKEN_TTL_SECONDS = 8 * 3600;

export const devRoutes: FastifyPluginAsyncZod<{ authSecret: string; hospitals: HospitalRegistry }> = async (app, { authSecret, hospitals }) => {
  app.route({
    method: 'POST',
    url: '/v1/dev/token',
    schema: {
      tags: ['service'],
      operationId: 'devToken',
      security: [],
      summary: 'Development sign-in: a token for a role (not in production, loopback callers only)',
      body: devTokenRequestSchema,
      response: { 200: devTokenSchema, ...problemResponses(403) },
    },
    handler: async (request) => {
      if (!LOOPBACK.has(request.ip)) throw problems.forbidden('development sign-in answers callers on this machine only');
      const { role, sub, hospitalId } = request.body;
      if (role === 'hospital' && (!hospitalId || !hospitals.byId.has(hospitalId))) {
        throw problems.validation([{ path: 'hospitalId', message: 'is required for the hospital role and must be in the registry' }]);
      }
      const { token, expiresAt } = await signToken(authSecret, { role, sub, hospitalId, ttlSeconds: DEV_TOKEN_TTL_SECONDS });
      request.log.info({ role, sub }, 'development token issued');
      return { token, expiresAt: expiresAt.toISOString() };
    },
  });
};
