/**
 * /v1/config: what the console needs of the server's configuration, so that nobody types it in —
 * the district's towns for the select lists, and where an administrator's browser finds the
 * Temporal Web UI (null for other roles, and when the server names none).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BEARER_SECURITY, securedProblemResponses } from '../../../http/openapi';

export const consoleConfigSchema = z.object({
  towns: z.array(z.string()).describe('the district\'s towns and sub-districts, in the order to offer them'),
  temporalUiUrl: z.string().nullable().describe('the Temporal Web UI\'s address (administrators only; null otherwise or when not configured)'),
});

export const configRoutes: FastifyPluginAsyncZod<{ towns: readonly string[]; temporalUiUrl: string | undefined }> = async (app, { towns, temporalUiUrl }) => {
  app.route({
    method: 'GET',
    url: '/v1/config',
    config: { roles: ['officer', 'hospital', 'civil', 'finance', 'official', 'admin'] },
    schema: {
      tags: ['service'],
      operationId: 'consoleConfig',
      summary: 'The towns and the Temporal Web UI address, for the console',
      description: 'The district\'s towns (TOWNS) for the town select lists, and for administrators the Temporal Web UI\'s address (TEMPORAL_UI_URL, else the embedded server\'s) for links to a case\'s workflow.',
      security: BEARER_SECURITY,
      response: { 200: consoleConfigSchema, ...securedProblemResponses() },
    },
    handler: async (request) => ({ towns: [...towns], temporalUiUrl: request.principal?.role === 'admin' ? (temporalUiUrl ?? null) : null }),
  });
};
