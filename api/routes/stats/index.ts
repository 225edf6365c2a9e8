/** /v1/stats: program statistics from the read models. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema';
import { BEARER_SECURITY, securedProblemResponses } from '../../../http/openapi';
import { programStats } from '../../../programs/surgery/store/stats';
import { statsSchema } from '../../../programs/surgery/api/route-schemas';

export const statsRoutes: FastifyPluginAsyncZod<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.route({
    method: 'GET',
    url: '/v1/stats',
    config: { roles: ['officer', 'admin'] },
    schema: {
      tags: ['stats'],
      operationId: 'getStats',
      summary: 'Program statistics',
      description:
        'Cases by stage, people screened by town, eligible, surgeries completed, settled cases, the total billed, what each ' +
        'payer paid and the out-of-pocket total of settled cases (0 by policy). From the projection: may lag by a few seconds.',
      security: BEARER_SECURITY,
      response: { 200: statsSchema, ...securedProblemResponses() },
    },
    handler: async () => programStats(db),
  });
};
