/**
 * /v1/enrolments: apply, list, read, timeline, and the actions of each stage; /v1/stats/subsidies.
 * Who may take an action is the subsidy core's table (domain/actor.ts), so the route and the
 * workflow never disagree; the auth hook checks it before anything else is read.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Role } from '../../../domain/actor';
import { scrubIdNumbers } from '../../../domain/id-number';
import { BEARER_SECURITY, securedProblemResponses } from '../../../http/openapi';
import { principalOf } from '../../../http/plugins/auth';
import type { Database } from '../../../store/schema';
import { rolesFor, type EnrolmentActionKind } from '../domain/index';
import { subsidyFigures } from '../store/subsidy-stats';
import { noticeList } from './notice-list';
import './problem-texts';
import type { EnrolmentAction, EnrolmentService } from './enrolments.service';
import {
  bankAccountSchema,
  decisionSchema,
  enrolmentEventListSchema,
  enrolmentIdParamsSchema,
  enrolmentListQuerySchema,
  enrolmentListSchema,
  enrolmentViewSchema,
  newEnrolmentSchema,
  noticeListQuerySchema,
  reasonSchema,
  reinstateSchema,
  repaymentSchema,
  reviewSchema,
  subsidyStatsQuerySchema,
  subsidyStatsSchema,
  suspendSchema,
} from './schemas';

export interface EnrolmentRoutesOptions {
  enrolments: EnrolmentService;
  db: Kysely<Database>;
}

const TAGS = ['enrolments'];
/** Those who apply, decide and pay read enrolments; hospitals and paired officials do not. */
const READERS = ['officer', 'civil', 'finance', 'admin'] as const satisfies readonly Role[];
/** Civil affairs posts the public notice; an administrator may print it too. */
const NOTICE_READERS = ['civil', 'admin'] as const satisfies readonly Role[];

/** The people's roles that may take an action (the workflow's own `system` role is no one's token). */
function rolesOf(action: EnrolmentActionKind): Role[] {
  return rolesFor(action).filter((role): role is Exclude<typeof role, 'system'> => role !== 'system');
}

interface ActionRoute {
  action: EnrolmentAction;
  path: string;
  operationId: string;
  summary: string;
  body: z.ZodType;
  when: string;
}

const ACTIONS: ActionRoute[] = [
  { action: 'town-review', path: 'town-review', operationId: 'townReviewEnrolment', summary: "Record the town's review", body: reviewSchema, when: 'in `TOWN_REVIEW`; approved → `CDPF_REVIEW`, else `REJECTED`' },
  { action: 'cdpf-review', path: 'cdpf-review', operationId: 'cdpfReviewEnrolment', summary: "Record the disability federation's review", body: reviewSchema, when: 'in `CDPF_REVIEW`; approved → `DECISION`, else `REJECTED`' },
  {
    action: 'decision',
    path: 'decision',
    operationId: 'decideEnrolment',
    summary: 'Decide the application (civil affairs)',
    body: decisionSchema,
    when: 'in `DECISION`; approved → `PUBLIC_NOTICE` (then `ACTIVE` when the notice ends), else `REJECTED`. Approving a person the policy does not make eligible: 422 `not-eligible` with every failing rule in `reasons`',
  },
  { action: 'objection', path: 'objection', operationId: 'objectToEnrolment', summary: 'Record an objection raised during the public notice', body: reasonSchema, when: 'in `PUBLIC_NOTICE`; → `DECISION` again' },
  { action: 'withdraw', path: 'withdraw', operationId: 'withdrawEnrolment', summary: 'Withdraw the application', body: reasonSchema, when: 'before `ACTIVE`; → `WITHDRAWN`' },
  { action: 'suspend', path: 'suspend', operationId: 'suspendEnrolment', summary: 'Suspend payment', body: suspendSchema, when: 'in `ACTIVE`; → `SUSPENDED`, no month from `fromMonth` on is payable' },
  { action: 'reinstate', path: 'reinstate', operationId: 'reinstateEnrolment', summary: 'Reinstate a suspended enrolment', body: reinstateSchema, when: 'in `SUSPENDED`; → `ACTIVE`, with the suspended months paid when `backPay` is true' },
  { action: 'bank-account', path: 'bank-account', operationId: 'correctEnrolmentBankAccount', summary: 'Correct the bank account', body: bankAccountSchema, when: 'in any stage but `REJECTED`, `WITHDRAWN` and `TERMINATED`; months the bank returned are paid again to the new account by the next payroll' },
  { action: 'repayment', path: 'recovery/repayments', operationId: 'recordRepayment', summary: 'Record a repayment of an overpayment', body: repaymentSchema, when: 'while a recovery is open (else 409 `stage-conflict`); more than is still owed: 422 `unprocessable`; the recovery closes when nothing is outstanding' },
  { action: 'waive', path: 'recovery/waive', operationId: 'waiveRecovery', summary: 'Waive what is still owed', body: reasonSchema, when: 'while a recovery is open (else 409 `stage-conflict`); the recovery closes' },
];

export const enrolmentRoutes: FastifyPluginAsyncZod<EnrolmentRoutesOptions> = async (app, { enrolments, db }) => {
  // Every log line of a request about an enrolment carries its id (masked if someone put an ID number there).
  app.addHook('preHandler', async (request, reply) => {
    const enrolmentId = (request.params as { enrolmentId?: unknown } | undefined)?.enrolmentId;
    if (typeof enrolmentId === 'string') {
      request.log = request.log.child({ enrolmentId: scrubIdNumbers(enrolmentId) });
      reply.log = request.log;
    }
  });

  app.route({
    method: 'POST',
    url: '/v1/enrolments',
    config: { roles: rolesOf('apply') },
    schema: {
      tags: TAGS,
      operationId: 'applyForSubsidy',
      summary: 'Apply for a subsidy',
      description:
        'Opens an enrolment in `TOWN_REVIEW` for a registered person and starts its workflow. The same `enrolmentId` with the same body ' +
        'again answers 200 with the enrolment and changes nothing; with a different body 409 `idempotency-conflict`. A person who is not ' +
        '`ACTIVE`: 422 `person-inactive` (with `personStatus`). An open enrolment of the person in the program: 409 `duplicate-enrolment` ' +
        '(with `existingEnrolmentId`). A `personId` not in the registry, or an `appliedOn` after today (Asia/Shanghai): 400. ' +
        'An `enrolmentId` is generated when absent; send your own to make retries answer 200. An `enrolmentId` may not be a resident ID number.',
      security: BEARER_SECURITY,
      body: newEnrolmentSchema,
      response: {
        201: enrolmentViewSchema.describe('The enrolment was opened; `Location` names it'),
        200: enrolmentViewSchema.describe('The same application was made before'),
        ...securedProblemResponses(409, 422),
      },
    },
    handler: async (request, reply) => {
      const { created, view } = await enrolments.apply(request.body, principalOf(request), request.log, request.clientGone);
      return reply
        .code(created ? 201 : 200)
        .header('location', `/v1/enrolments/${encodeURIComponent(view.enrolmentId)}`)
        .send(view);
    },
  });

  app.route({
    method: 'GET',
    url: '/v1/enrolments',
    config: { roles: READERS },
    schema: {
      tags: TAGS,
      operationId: 'listEnrolments',
      summary: 'List enrolments, newest first',
      description: 'Filters combine. Each item is the enrolment without its `months` (read one enrolment for them). `limit` 1–200 (50), `cursor` the previous page\'s `nextCursor`.',
      security: BEARER_SECURITY,
      querystring: enrolmentListQuerySchema,
      response: { 200: enrolmentListSchema, ...securedProblemResponses() },
    },
    handler: async (request) => enrolments.list(request.query, principalOf(request)),
  });

  app.route({
    method: 'GET',
    url: '/v1/enrolments/notice.csv',
    config: { roles: NOTICE_READERS },
    schema: {
      tags: TAGS,
      operationId: 'enrolmentNoticeList',
      summary: "The public-notice list (公示名单) of a month's new enrolments",
      description:
        'Every enrolment of the program whose approving decision fell in `month` (Asia/Shanghai) and that was not withdrawn since, ' +
        'oldest decision first: name, town, ID number (masked, for every role: the list is posted), subsidy, disability grade and ' +
        'assistance category, monthly amount in yuan, day approved. CSV in UTF-8 with a byte-order mark; the header and terms in ' +
        'Chinese, or in English with `Accept-Language: en` (or `?lang=en`).',
      security: BEARER_SECURITY,
      querystring: noticeListQuerySchema,
      response: { 200: { description: 'The list', content: { 'text/csv': { schema: z.string() } } }, ...securedProblemResponses() },
    },
    handler: async (request, reply) => {
      const { program, month } = request.query;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="notice-${program}-${month}.csv"; filename*=UTF-8''${encodeURIComponent(`公示名单-${month}.csv`)}`)
        // A town clerk prints the town's list.
        .send(await noticeList(db, program, month, request.lang, principalOf(request).town));
    },
  });

  app.route({
    method: 'GET',
    url: '/v1/enrolments/:enrolmentId',
    config: { roles: READERS },
    schema: {
      tags: TAGS,
      operationId: 'getEnrolment',
      summary: 'Read an enrolment',
      description:
        'Shows every write that has already returned, with every month owed up to the current one and what the payroll did with it. ' +
        'The account number is masked (last 4 kept) for every role but finance; the ID number for every role but officer, civil and admin.',
      security: BEARER_SECURITY,
      params: enrolmentIdParamsSchema,
      response: { 200: enrolmentViewSchema, ...securedProblemResponses(404) },
    },
    handler: async (request) => enrolments.get(request.params.enrolmentId, principalOf(request)),
  });

  app.route({
    method: 'GET',
    url: '/v1/enrolments/:enrolmentId/events',
    config: { roles: READERS },
    schema: {
      tags: TAGS,
      operationId: 'listEnrolmentEvents',
      summary: "An enrolment's timeline",
      description: '`seq` from 1 upward with no gaps. Account numbers are masked as in the enrolment.',
      security: BEARER_SECURITY,
      params: enrolmentIdParamsSchema,
      response: { 200: enrolmentEventListSchema, ...securedProblemResponses(404) },
    },
    handler: async (request) => ({ items: await enrolments.listEvents(request.params.enrolmentId, principalOf(request)) }),
  });

  for (const route of ACTIONS) {
    const roles = rolesOf(route.action);
    app.route({
      method: 'POST',
      url: `/v1/enrolments/:enrolmentId/${route.path}`,
      config: { roles },
      schema: {
        tags: TAGS,
        operationId: route.operationId,
        summary: route.summary,
        description:
          `For ${roles.join(', ')}. Allowed ${route.when}. In another stage: 409 \`stage-conflict\` with \`currentStage\`. The same request ` +
          'again answers 200 with the current enrolment and changes nothing; a different body for an action already taken in this round is 409 `idempotency-conflict`.',
        security: BEARER_SECURITY,
        params: enrolmentIdParamsSchema,
        body: route.body,
        response: { 200: enrolmentViewSchema, ...securedProblemResponses(404, 409, 422) },
      },
      handler: async (request) =>
        enrolments.act(route.action, (request.params as { enrolmentId: string }).enrolmentId, request.body as never, principalOf(request), request.clientGone),
    });
  }

  app.route({
    method: 'GET',
    url: '/v1/stats/subsidies',
    config: { roles: READERS },
    schema: {
      tags: ['stats'],
      operationId: 'getSubsidyStats',
      summary: 'Subsidy statistics',
      description:
        'Enrolments `ACTIVE` now; enrolments `ACTIVE` or `SUSPENDED` now by town; fen paid and persons paid by the month paid for, ' +
        'from `from` through `to` (YYYY-MM, both optional); overpayments found, recovered and waived. One program, or both when ' +
        '`program` is absent. From the read models.',
      security: BEARER_SECURITY,
      querystring: subsidyStatsQuerySchema,
      response: { 200: subsidyStatsSchema, ...securedProblemResponses() },
    },
    handler: async (request) => subsidyFigures(db, request.query),
  });
};
