/**
 * The monthly data match: a month's list of deaths, moves and category changes imported as a
 * batch (`/v1/persons/life-events/import…`), the batches and their report, and the review queue
 * of rows whose names differ from the registry's (`/v1/admin/match-reviews`). An ID number is
 * never in a path or a query: the list travels in the body, and every answer masks it.
 */
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  batchIdSchema,
  batchListQuerySchema,
  batchListSchema,
  batchResultSchema,
  decidedReviewSchema,
  MAX_MATCH_ROWS,
  matchReviewListSchema,
  matchReviewQuerySchema,
  rejectReviewSchema,
  reviewIdSchema,
} from '../../../domain/data-match';
import { LANGS } from '../../../domain/i18n/lang';
import { principalOf } from '../../../http/plugins/auth';
import { BEARER_SECURITY, BODY_CONTENT_KEY, securedProblemResponses } from '../../../http/openapi';
import { problems } from '../../../http/problems';
import type { DataMatchService } from '../../services/data-match/data-match.service';
import { MatchListBody, MAX_MATCH_LIST_BYTES, readMatchList } from '../../services/data-match/match-list-csv';
import './problem-texts';

export interface DataMatchRoutesOptions {
  dataMatch: DataMatchService;
}

// The registry's keepers import the lists and decide the reviews.
const KEEPERS = ['officer', 'admin'] as const;
const TAGS = ['persons'];

const batchParamsSchema = z.strictObject({ batchId: batchIdSchema });
const reviewParamsSchema = z.strictObject({ id: reviewIdSchema });
const importQuerySchema = z.strictObject({
  fileName: z.string().trim().min(1).max(200).optional().describe('the file\'s name, shown in the list of batches'),
  lang: z.enum(LANGS).optional(),
});
const reportQuerySchema = z.strictObject({ lang: z.enum(LANGS).optional().describe('the report\'s language (Accept-Language otherwise; 简体中文 by default)') });

export const dataMatchRoutes: FastifyPluginAsyncZod<DataMatchRoutesOptions> = async (app, { dataMatch }) => {
  // Only the import takes CSV here: read as it arrives, never buffered whole (match-list-csv.ts).
  app.addContentTypeParser('text/csv', async (request: FastifyRequest, payload: Readable) =>
    new MatchListBody(await readMatchList(payload, { contentType: request.headers['content-type'], contentLength: request.headers['content-length'] })),
  );
  app.addHook('onSend', async (request, reply) => {
    if (request.raw.complete === false) void reply.header('connection', 'close');
  });

  app.route({
    method: 'POST',
    url: '/v1/persons/life-events/import',
    bodyLimit: MAX_MATCH_LIST_BYTES,
    config: { roles: KEEPERS },
    schema: {
      tags: TAGS,
      operationId: 'importLifeEventList',
      summary: 'Import a month\'s list of deaths, moves and category changes',
      description:
        `A \`text/csv\` list of at most ${MAX_MATCH_ROWS} rows (UTF-8, a byte-order mark allowed, or GB18030), header ` +
        '`idNumber,name,type,on,source` or `身份证号,姓名,事件,日期,来源`, with `assistanceCategory`/`救助类别` for `ASSISTANCE_CHANGED`. ' +
        '`type`: `DIED`/`死亡`, `MOVED_OUT`/`迁出`, `ASSISTANCE_CHANGED`/`救助类别变更`. A row whose ID number is registered and whose name ' +
        'agrees is applied as a life event (as `POST /v1/persons/{personId}/life-events`); a differing name is queued for review; an ' +
        'unknown ID number is counted. Unreadable rows are listed in `failed` and the others still apply. The batch id is a hash of the ' +
        'list: the same list again answers the same batch, and nothing is applied twice. 200 once the batch is done; 202 with `progress` ' +
        'when it takes longer than a short wait (poll `GET /v1/persons/life-events/imports/{batchId}`). Row 50,001: 400 `validation`, nothing stored.',
      security: BEARER_SECURITY,
      querystring: importQuerySchema,
      body: z.unknown(),
      [BODY_CONTENT_KEY]: { 'text/csv': z.string().describe('a header row, then one life event per row') },
      response: {
        200: batchResultSchema.describe('The batch is done'),
        202: batchResultSchema.describe('The batch is still running: its result so far, with `progress`'),
        ...securedProblemResponses(),
      },
    },
    handler: async (request, reply) => {
      if (!(request.body instanceof MatchListBody)) throw problems.validation([{ path: '', message: 'send text/csv' }]);
      const { result, done } = await dataMatch.importList(request.body.list, principalOf(request), request.query.fileName ?? null, request.lang, request.clientGone);
      return reply.code(done ? 200 : 202).send(result);
    },
  });

  app.route({
    method: 'GET',
    url: '/v1/persons/life-events/imports',
    config: { roles: KEEPERS },
    schema: {
      tags: TAGS,
      operationId: 'listLifeEventImports',
      summary: 'The imported lists, newest first',
      security: BEARER_SECURITY,
      querystring: batchListQuerySchema,
      response: { 200: batchListSchema, ...securedProblemResponses() },
    },
    handler: async (request) => dataMatch.list(request.query),
  });

  app.route({
    method: 'GET',
    url: '/v1/persons/life-events/imports/:batchId',
    config: { roles: KEEPERS },
    schema: {
      tags: TAGS,
      operationId: 'getLifeEventImport',
      summary: 'A batch\'s result',
      description: 'What the import answered, now: counts by outcome, the unreadable rows, the effects on the programs; `progress` while it runs.',
      security: BEARER_SECURITY,
      params: batchParamsSchema,
      response: { 200: batchResultSchema, ...securedProblemResponses(404) },
    },
    handler: async (request) => dataMatch.get(request.params.batchId, request.lang),
  });

  app.route({
    method: 'GET',
    url: '/v1/persons/life-events/imports/:batchId/report.csv',
    config: { roles: KEEPERS },
    schema: {
      tags: TAGS,
      operationId: 'lifeEventImportReport',
      summary: 'The monthly report of a batch, as CSV',
      description:
        'One line per item a row closed or changed (person, masked ID number, town, event, program, item, the first month no longer paid, ' +
        'overpaid 元) and one line per row waiting for a review. UTF-8 with a byte-order mark; Chinese headers unless `lang=en` or ' +
        'Accept-Language asks for English. ID numbers are masked for every role.',
      security: BEARER_SECURITY,
      params: batchParamsSchema,
      querystring: reportQuerySchema,
      response: { 200: { description: 'The report', content: { 'text/csv': { schema: z.string() } } }, ...securedProblemResponses(404) },
    },
    handler: async (request, reply) => {
      const csv = await dataMatch.report(request.params.batchId, request.lang);
      const zhName = `数据比对报告-${request.params.batchId}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${request.params.batchId}.csv"; filename*=UTF-8''${encodeURIComponent(request.lang === 'en' ? `data-match-${request.params.batchId}.csv` : zhName)}`)
        .send(csv);
    },
  });

  app.route({
    method: 'GET',
    url: '/v1/admin/match-reviews',
    config: { roles: KEEPERS },
    schema: {
      tags: ['admin'],
      operationId: 'listMatchReviews',
      summary: 'Rows of imported lists whose names differ from the registry\'s',
      description: 'The list\'s name beside the registry\'s, by batch and row; ID numbers masked. `status` narrows to QUEUED, ACCEPTED or REJECTED.',
      security: BEARER_SECURITY,
      querystring: matchReviewQuerySchema,
      response: { 200: matchReviewListSchema, ...securedProblemResponses() },
    },
    handler: async (request) => dataMatch.reviews(request.query),
  });

  app.route({
    method: 'POST',
    url: '/v1/admin/match-reviews/:id/accept',
    config: { roles: KEEPERS },
    schema: {
      tags: ['admin'],
      operationId: 'acceptMatchReview',
      summary: 'Accept a queued row: apply it as the import would have',
      description: 'The row\'s life event is applied with the event id the import would have given it; the answer has its effects. A review decided already: 409 `stage-conflict` (`currentStage` is its status).',
      security: BEARER_SECURITY,
      params: reviewParamsSchema,
      response: { 200: decidedReviewSchema, ...securedProblemResponses(404, 409, 422) },
    },
    handler: async (request) => dataMatch.accept(request.params.id, principalOf(request)),
  });

  app.route({
    method: 'POST',
    url: '/v1/admin/match-reviews/:id/reject',
    config: { roles: KEEPERS },
    schema: {
      tags: ['admin'],
      operationId: 'rejectMatchReview',
      summary: 'Reject a queued row: nothing is applied',
      description: 'A review decided already: 409 `stage-conflict` (`currentStage` is its status).',
      security: BEARER_SECURITY,
      params: reviewParamsSchema,
      body: rejectReviewSchema,
      response: { 200: decidedReviewSchema, ...securedProblemResponses(404, 409) },
    },
    handler: async (request) => dataMatch.reject(request.params.id, request.body.reason, principalOf(request)),
  });
};
