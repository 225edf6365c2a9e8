/** /v1/admin: the stuck-case report, manual claim resolution and the sandbox payer switches. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { caseViewSchema, resolveClaimSchema, sandboxPayerSettingSchema, type SandboxPayerSetting } from '../../../domain/schemas';
import { PAYERS, type Payer } from '../../../domain/stages';
import type { Database } from '../../../db/types';
import { getSandboxPayerSettings, putSandboxPayerSetting } from '../../../db/repositories/sandbox-payers.repository';
import { principalOf } from '../../plugins/auth';
import { BEARER_SECURITY, securedProblemResponses } from '../../openapi';
import { claimParamsSchema, payerParamsSchema, sandboxPayerSettingListSchema, sandboxPayerSettingViewSchema, stuckListSchema } from '../../schemas';
import type { CaseService } from '../../services/cases.service';
import type { StuckCasesService } from '../../services/stuck-cases.service';

export interface AdminRoutesOptions {
  cases: CaseService;
  stuck: StuckCasesService;
  db: Kysely<Database>;
  /** The sandbox switches exist only while the sandbox payers are configured (PAYERS=sandbox). */
  sandboxPayers: boolean;
}

const ADMIN = { roles: ['admin'] as const };
const TAGS = ['admin'];

function settingView(payer: Payer, setting: SandboxPayerSetting) {
  return { payer, mode: setting.mode, failureRate: setting.failureRate, latencyMs: setting.latencyMs };
}

export const adminRoutes: FastifyPluginAsyncZod<AdminRoutesOptions> = async (app, { cases, stuck, db, sandboxPayers }) => {
  app.route({
    method: 'GET',
    url: '/v1/admin/stuck',
    config: ADMIN,
    schema: {
      tags: TAGS,
      operationId: 'listStuckCases',
      summary: 'Stuck cases and why',
      description:
        '`STAGE_OVERDUE`: past the stage\'s service-level time. `ACTIVITY_RETRYING`: an activity (a payer) has failed ' +
        'STUCK_ATTEMPTS (default 3) or more times in a row. `WORKFLOW_TASK_FAILING`: the workflow cannot make progress ' +
        '(Temporal reports consecutive workflow-task failures). A case shows up within seconds of becoming stuck.',
      security: BEARER_SECURITY,
      response: { 200: stuckListSchema, ...securedProblemResponses() },
    },
    handler: async (request) => ({ items: await stuck.stuckCases(request.log) }),
  });

  app.route({
    method: 'POST',
    url: '/v1/admin/cases/:caseId/claims/:payer/resolve',
    config: ADMIN,
    schema: {
      tags: TAGS,
      operationId: 'resolveClaim',
      summary: 'Resolve a payer claim by hand',
      description:
        'Only for the claim the cascade is waiting on (else 409 `stage-conflict`). `PAID` needs `amountFen` within ' +
        '0 … what is still owed (else 422); `REJECTED` needs `reason`. The retrying payer call is cancelled and the ' +
        'cascade continues from the resolved amount. The same resolution again answers 200.',
      security: BEARER_SECURITY,
      params: claimParamsSchema,
      body: resolveClaimSchema,
      response: { 200: caseViewSchema, ...securedProblemResponses(404, 409, 422) },
    },
    handler: async (request) => cases.resolveClaim(request.params.caseId, request.params.payer, request.body, principalOf(request), request.clientGone),
  });

  if (!sandboxPayers) return;

  app.route({
    method: 'GET',
    url: '/v1/admin/sandbox/payers',
    config: ADMIN,
    schema: {
      tags: TAGS,
      operationId: 'listSandboxPayers',
      summary: 'The sandbox payers\' settings',
      security: BEARER_SECURITY,
      response: { 200: sandboxPayerSettingListSchema, ...securedProblemResponses() },
    },
    handler: async () => {
      const settings = await getSandboxPayerSettings(db);
      return { items: PAYERS.map((payer) => settingView(payer, settings[payer])) };
    },
  });

  app.route({
    method: 'GET',
    url: '/v1/admin/sandbox/payers/:payer',
    config: ADMIN,
    schema: {
      tags: TAGS,
      operationId: 'getSandboxPayer',
      summary: 'A sandbox payer\'s setting',
      security: BEARER_SECURITY,
      params: payerParamsSchema,
      response: { 200: sandboxPayerSettingViewSchema, ...securedProblemResponses() },
    },
    handler: async (request) => {
      const settings = await getSandboxPayerSettings(db);
      return settingView(request.params.payer, settings[request.params.payer]);
    },
  });

  app.route({
    method: 'PUT',
    url: '/v1/admin/sandbox/payers/:payer',
    config: ADMIN,
    schema: {
      tags: TAGS,
      operationId: 'putSandboxPayer',
      summary: 'Switch a sandbox payer up, down or flaky',
      description:
        '`down`: every call fails with a retryable error; `flaky`: a call fails with probability `failureRate`; ' +
        '`latencyMs` delays each call. Every worker honours it within 2 seconds. Absent (404) when real payer adapters are configured.',
      security: BEARER_SECURITY,
      params: payerParamsSchema,
      body: sandboxPayerSettingSchema,
      response: { 200: sandboxPayerSettingViewSchema, ...securedProblemResponses() },
    },
    handler: async (request) => {
      const setting = await putSandboxPayerSetting(db, request.params.payer, request.body);
      request.log.info({ payer: request.params.payer, mode: setting.mode, failureRate: setting.failureRate, latencyMs: setting.latencyMs }, 'sandbox payer switched');
      return settingView(request.params.payer, setting);
    },
  });
};
