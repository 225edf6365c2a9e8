/** /v1/hospitals: the hospital registry (HOSPITALS_FILE), so that clients show names, not ids. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HospitalRegistry } from '../../../config/hospitals';
import { hospitalSchema } from '../../../programs/surgery/domain/schemas';
import { BEARER_SECURITY, securedProblemResponses } from '../../../http/openapi';

const hospitalListSchema = z.object({ items: z.array(hospitalSchema) });

export const hospitalRoutes: FastifyPluginAsyncZod<{ hospitals: HospitalRegistry }> = async (app, { hospitals }) => {
  const list = { items: [...hospitals.hospitals] };
  app.route({
    method: 'GET',
    url: '/v1/hospitals',
    config: { roles: ['officer', 'hospital', 'admin'] },
    schema: {
      tags: ['cases'],
      operationId: 'listHospitals',
      summary: 'The hospitals of the program',
      description: 'Every hospital a case can be opened at (`hospitalId` of a new case), with its name and level. Added so that clients need not carry their own copy of the registry.',
      security: BEARER_SECURITY,
      response: { 200: hospitalListSchema, ...securedProblemResponses() },
    },
    handler: async () => list,
  });
};
