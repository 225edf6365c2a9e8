/**
 * GET /v1/cases/{caseId}/settlement: the settlement sheet as a printable HTML page, in 简体中文 unless
 * English is asked for (`?lang=en` makes a link that prints in English). Only a settled case has
 * one; before that the answer is 409 `stage-conflict`, like any action the stage does not allow yet.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HospitalRegistry } from '../../../config/hospitals';
import { BEARER_SECURITY, securedProblemResponses } from '../../../http/openapi';
import { principalOf } from '../../../http/plugins/auth';
import { problems } from '../../../http/problems';
import { caseIdParamsSchema } from './route-schemas';
import type { CaseReads } from './case-reads';
import { renderSettlementSheet } from './settlement/settlement-sheet';

export interface SettlementRoutesOptions {
  cases: CaseReads;
  hospitals: HospitalRegistry;
  clock: () => Date;
}

export const settlementRoutes: FastifyPluginAsyncZod<SettlementRoutesOptions> = async (app, { cases, hospitals, clock }) => {
  app.route({
    method: 'GET',
    url: '/v1/cases/:caseId/settlement',
    config: { roles: ['officer', 'admin', 'hospital'] },
    schema: {
      tags: ['cases'],
      operationId: 'getSettlementSheet',
      summary: 'The settlement sheet of a settled case (printable HTML)',
      description:
        'A page a patient\'s family can read and print: the patient, the hospital, the bill, each payer\'s amount with its ' +
        'explanation, the out-of-pocket amount (个人自付 ¥0.00) and the policy version. In 简体中文 by default; `Accept-Language: en` ' +
        'or `?lang=en` for English. The hospital role sees the ID number masked, as in the case view, and only its own cases (others: 404). ' +
        'A case that is not settled yet: 409 `stage-conflict`.',
      security: BEARER_SECURITY,
      params: caseIdParamsSchema,
      response: {
        200: { description: 'The settlement sheet', content: { 'text/html': { schema: z.string() } } },
        ...securedProblemResponses(404, 409),
      },
    },
    handler: async (request, reply) => {
      const view = await cases.getCase(request.params.caseId, principalOf(request));
      if (view.stage !== 'SETTLED' || !view.reimbursement) {
        throw problems.stageConflict(view.stage, `the settlement sheet is ready once the case is SETTLED; it is in ${view.stage}`);
      }
      const html = renderSettlementSheet({ view, hospital: hospitals.byId.get(view.hospitalId), lang: request.lang, printedAt: clock() });
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    },
  });
};
