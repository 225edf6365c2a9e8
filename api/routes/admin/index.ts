/** /v1/admin: the stuck-case report, claims resolved by hand by two administrators, and the sandbox payers (switches and books). */
import { localizeCase } from '../../../programs/surgery/api/localize-views';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { caseViewSchema, claimProposalSchema, proposalApprovalSchema, proposalRejectionSchema, sandboxPayerSettingSchema, type SandboxPayerSetting } from '../../../programs/surgery/domain/schemas';
import { PAYERS, type Payer } from '../../../programs/surgery/domain/stages';
import type { Database } from '../../../store/schema';
import { getSandboxPayerSettings, putSandboxPayerSetting } from '../../../programs/surgery/store/sandbox-payers';
import { listSandboxClaims } from '../../../programs/surgery/store/sandbox-claims';
import { listWaitingProposals } from '../../../programs/surgery/store/proposals';
import { problems } from '../../../http/problems';
import { principalOf } from '../../../http/plugins/auth';
import { BEARER_SECURITY, securedProblemResponses } from '../../../http/openapi';
import {
  claimParamsSchema,
  claimProposalCreatedSchema,
  payerParamsSchema,
  proposalParamsSchema,
  sandboxBooksQuerySchema,
  sandboxBooksSchema,
  sandboxPayerSettingListSchema,
  sandboxPayerSettingViewSchema,
  waitingProposalListSchema,
} from '../../../programs/surgery/api/route-schemas';
import { stuckListSchema } from '../../../http/schemas';
import type { CaseTransitions } from '../../../programs/surgery/api/case-transitions';
import type { ConnectedPrograms } from '../../../programs/connected-programs';

export interface AdminRoutesOptions {
  cases: CaseTransitions;
  /** Every program of the catalogue: the stuck radar lists the items of each. */
  programs: ConnectedPrograms;
  db: Kysely<Database>;
  /** The sandbox switches exist only while the sandbox payers are configured (PAYERS=sandbox). */
  sandboxPayers: boolean;
}

const ADMIN = { roles: ['admin'] as const };
const TAGS = ['admin'];

function settingView(payer: Payer, setting: SandboxPayerSetting) {
  return { payer, mode: setting.mode, failureRate: setting.failureRate, latencyMs: setting.latencyMs };
}

export const adminRoutes: FastifyPluginAsyncZod<AdminRoutesOptions> = async (app, { cases, programs, db, sandboxPayers }) => {
  app.route({
    method: 'GET',
    url: '/v1/admin/stuck',
    config: ADMIN,
    schema: {
      tags: TAGS,
      operationId: 'listStuckCases',
      summary: 'Stuck items of every program, and why',
      description:
        'Cases, enrolments, payrolls and pairings, each with `kind`, `program` and `id` (a case keeps `caseId` and ' +
        '`hospitalId` as well). `STAGE_OVERDUE`: past the stage\'s service-level time. `ACTIVITY_RETRYING`: an activity (a payer) has failed ' +
        'STUCK_ATTEMPTS (default 3) or more times in a row. `WORKFLOW_TASK_FAILING`: the workflow cannot make progress ' +
        '(Temporal reports consecutive workflow-task failures). An item shows up within seconds of becoming stuck.',
      security: BEARER_SECURITY,
      response: { 200: stuckListSchema, ...securedProblemResponses() },
    },
    handler: async (request) => ({ items: await programs.stuck(request.log, request.lang) }),
  });

  app.route({
    method: 'POST',
    url: '/v1/admin/cases/:caseId/claims/:payer/resolve',
    config: ADMIN,
    schema: {
      tags: TAGS,
      operationId: 'resolveClaim',
      summary: 'Gone: a claim is resolved by hand by two administrators',
      description: 'Answers 410. Propose with `POST …/claims/{payer}/proposals`; another administrator approves with `POST …/proposals/{proposalId}/approve`.',
      deprecated: true,
      security: BEARER_SECURITY,
      params: claimParamsSchema,
      response: { ...securedProblemResponses(410) },
    },
    handler: async (request) => {
      const { caseId, payer } = request.params;
      throw problems.gone(
        `a claim is resolved by hand by two administrators: POST /v1/admin/cases/${caseId}/claims/${payer}/proposals, then another administrator POSTs …/proposals/{proposalId}/approve`,
      );
    },
  });

  app.route({
    method: 'POST',
    url: '/v1/admin/cases/:caseId/claims/:payer/proposals',
    config: ADMIN,
    schema: {
      tags: TAGS,
      operationId: 'proposeClaimResolution',
      summary: 'Propose how a claim is settled by hand (the first of two administrators)',
      description:
        'Only for the claim the cascade is waiting on (else 409 `stage-conflict`), one open proposal per claim. `reference` is ' +
        'required. A `PAID` amount outside 0 … what is still owed is 422, and so is one above what the policy would pay ' +
        'that payer unless `overridePolicy` is true (with a `note`). Until another administrator approves, the claim stays ' +
        'open and the payer is still called. The same proposal again from the same administrator answers 201 with it.',
      security: BEARER_SECURITY,
      params: claimParamsSchema,
      body: claimProposalSchema,
      response: { 201: claimProposalCreatedSchema, ...securedProblemResponses(404, 409, 422) },
    },
    handler: async (request, reply) => {
      const { caseId, payer } = request.params;
      const proposal = await cases.proposeResolution(caseId, payer, request.body, principalOf(request), request.clientGone);
      request.log.info({ caseId, payer, proposalId: proposal.proposalId, status: proposal.status, amountFen: proposal.amountFen }, 'claim resolution proposed');
      return reply.code(201).send(proposal);
    },
  });

  app.route({
    method: 'POST',
    url: '/v1/admin/cases/:caseId/claims/:payer/proposals/:proposalId/approve',
    config: ADMIN,
    schema: {
      tags: TAGS,
      operationId: 'approveClaimResolution',
      summary: 'Approve a proposed resolution (the second administrator)',
      description:
        'The proposer cannot approve (409 `four-eyes`). The payer call is cancelled and waited for; the payer\'s own books ' +
        'decide: a decision it made meanwhile stands (the proposal ends `SUPERSEDED`); otherwise the claim\'s key is ' +
        'voided at the payer and the resolution recorded, and the cascade goes on from it. Answers with the case once ' +
        'that is done; a payer that cannot void is 422 and the proposal waits again.',
      security: BEARER_SECURITY,
      params: proposalParamsSchema,
      body: proposalApprovalSchema.optional(),
      response: { 200: caseViewSchema, ...securedProblemResponses(404, 409, 422) },
    },
    handler: async (request) => {
      const { caseId, payer, proposalId } = request.params;
      const view = await cases.approveProposal(caseId, payer, proposalId, request.body ?? {}, principalOf(request), request.clientGone);
      request.log.info({ caseId, proposalId }, 'claim resolution approved');
      return localizeCase(view, request.lang);
    },
  });

  app.route({
    method: 'POST',
    url: '/v1/admin/cases/:caseId/claims/:payer/proposals/:proposalId/reject',
    config: ADMIN,
    schema: {
      tags: TAGS,
      operationId: 'rejectClaimResolution',
      summary: 'Turn a proposed resolution down',
      description: 'Any administrator, the proposer included (a withdrawal). The claim stays open.',
      security: BEARER_SECURITY,
      params: proposalParamsSchema,
      body: proposalRejectionSchema,
      response: { 200: caseViewSchema, ...securedProblemResponses(404, 409) },
    },
    handler: async (request) =>
      localizeCase(
        await cases.rejectProposal(request.params.caseId, request.params.payer, request.params.proposalId, request.body, principalOf(request), request.clientGone),
        request.lang,
      ),
  });

  app.route({
    method: 'GET',
    url: '/v1/admin/proposals',
    config: ADMIN,
    schema: {
      tags: TAGS,
      operationId: 'listWaitingProposals',
      summary: 'Resolutions by hand waiting for a second administrator',
      description: 'Oldest first, at most 200. May lag behind writes by a few seconds.',
      security: BEARER_SECURITY,
      response: { 200: waitingProposalListSchema, ...securedProblemResponses() },
    },
    handler: async () => ({ items: await listWaitingProposals(db, 200) }),
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

  app.route({
    method: 'GET',
    url: '/v1/admin/sandbox/payers/:payer/claims',
    config: ADMIN,
    schema: {
      tags: TAGS,
      operationId: 'listSandboxPayerClaims',
      summary: 'A sandbox payer\'s own books',
      description:
        'What the payer itself recorded for each claim key — `PAID`, `REJECTED` or `VOIDED` (settled by hand) — so that ' +
        'the ledger can be reconciled against it. Oldest first, at most 1,000; filter by `caseId`.',
      security: BEARER_SECURITY,
      params: payerParamsSchema,
      querystring: sandboxBooksQuerySchema,
      response: { 200: sandboxBooksSchema, ...securedProblemResponses() },
    },
    handler: async (request) => {
      const rows = await listSandboxClaims(db, request.params.payer, request.query.caseId, 1_000);
      return {
        items: rows.map((row) => ({
          key: row.idempotency_key,
          status: row.status as 'PAID' | 'REJECTED' | 'VOIDED',
          amountFen: row.amount_fen,
          reference: row.reference,
          recordedAt: row.decided_at.toISOString(),
        })),
      };
    },
  });
};
