/**
 * /v1/cases: open (one by one or a roster), list, read, timeline, and the transitions. Each
 * handler validates (zod, through the type provider), lets the auth hook check the role, calls
 * the case service and returns; refusals are thrown and written by the one error handler.
 */
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { localizeCase, localizeEvent, localizeImportResult } from './localize-views';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { admissionSchema, caseViewSchema, dischargeSchema, newCaseSchema, screeningSchema, surgerySchema, withdrawSchema } from '../domain/schemas';
import { scrubIdNumbers } from '../../../domain/id-number';
import { principalOf } from '../../../http/plugins/auth';
import { BEARER_SECURITY, BODY_CONTENT_KEY, securedProblemResponses } from '../../../http/openapi';
import { caseEventListSchema, caseIdParamsSchema, caseListQuerySchema, caseListSchema, importJsonDocSchema, importResultSchema, MAX_IMPORT_ROWS } from './route-schemas';
import type { CaseServices } from './case-services';
import type { TransitionKind } from '../domain/transition-kinds';
import { CsvRosterBody, readCsvRoster } from './csv-roster';
import { parseRoster, type RosterImporter } from './roster-import';
import { rosterTemplateCsv } from '../domain/roster';
// The Chinese for this program's refusals, added to the problem texts with its routes.
import './problem-texts';

export interface CaseRoutesOptions {
  cases: CaseServices;
  roster: RosterImporter;
  /** The hospital the template's example line names (the registry's first). */
  exampleHospitalName: string;
}

const READERS = ['officer', 'admin', 'hospital'] as const;
const TAGS = ['cases'];
/**
 * A JSON roster of 5,000 rows with long diagnoses stays under this (JSON repeats every member name;
 * a CSV roster has its own, smaller limit: csv-roster.ts).
 */
const JSON_IMPORT_BODY_LIMIT = 6 * 1024 * 1024;

export const caseRoutes: FastifyPluginAsyncZod<CaseRoutesOptions> = async (app, { cases, roster, exampleHospitalName }) => {
  // Only these routes take CSV: read as it arrives, never buffered whole (csv-roster.ts).
  app.addContentTypeParser('text/csv', async (request: FastifyRequest, payload: Readable) =>
    new CsvRosterBody(await readCsvRoster(payload, { contentType: request.headers['content-type'], contentLength: request.headers['content-length'] })),
  );
  // A roster refused before it was read whole: close the connection rather than read the rest of it.
  app.addHook('onSend', async (request, reply) => {
    if (request.raw.complete === false) void reply.header('connection', 'close');
  });

  app.route({
    method: 'POST',
    url: '/v1/cases',
    config: { roles: ['officer'] },
    schema: {
      tags: TAGS,
      operationId: 'openCase',
      summary: 'Open a case',
      description:
        'Opens a case and starts its workflow. The same `caseId` with the same body again answers 200 with the case; ' +
        'with a different body 409 `idempotency-conflict`. An open case for the same ID number: 409 `duplicate-case`. ' +
        'The applicant is found in the person registry by ID number, or registered, and the case shows `personId`; ' +
        'a person who died or moved out: 422 `person-inactive`. ' +
        '`guardian` is required when the applicant is under 18 on the day the case opens (Asia/Shanghai). ' +
        'A `caseId` is generated when absent (then a retried POST is refused as `duplicate-case` rather than opening a second case); ' +
        'send your own `caseId` to make retries answer 200. A `caseId` may not itself be a resident ID number.',
      security: BEARER_SECURITY,
      body: newCaseSchema,
      response: {
        201: caseViewSchema.describe('The case was opened; `Location` names it'),
        200: caseViewSchema.describe('The same case was opened before with the same body'),
        ...securedProblemResponses(409, 422),
      },
    },
    preHandler: async (request, reply) => {
      // The case id is known once the body is valid: the rest of the request's lines carry it.
      if (request.body.caseId) {
        request.log = request.log.child({ caseId: scrubIdNumbers(request.body.caseId) });
        reply.log = request.log;
      }
    },
    handler: async (request, reply) => {
      const { created, view } = await cases.opening.openCase(request.body, principalOf(request), request.log, request.clientGone);
      return reply
        .code(created ? 201 : 200)
        .header('location', `/v1/cases/${encodeURIComponent(view.caseId)}`)
        .send(localizeCase(view, request.lang));
    },
  });

  app.route({
    method: 'GET',
    url: '/v1/cases/import/template.csv',
    config: { roles: ['officer'] },
    schema: {
      tags: TAGS,
      operationId: 'rosterTemplate',
      summary: 'The roster template: the Chinese header and one example line',
      description:
        'A CSV a clerk fills in and imports with `POST /v1/cases/import`: the Chinese column names (required ones starred) and an ' +
        'example line, which the import skips (its first cell starts with 示例). UTF-8 with a byte-order mark, so that spreadsheet programs read it right.',
      security: BEARER_SECURITY,
      response: { 200: { description: 'The roster template', content: { 'text/csv': { schema: z.string() } } }, ...securedProblemResponses() },
    },
    handler: async (_request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="roster-template.csv"; filename*=UTF-8''${encodeURIComponent('筛查名单模板.csv')}`)
        .send(rosterTemplateCsv(exampleHospitalName)),
  });

  app.route({
    method: 'POST',
    url: '/v1/cases/import',
    bodyLimit: JSON_IMPORT_BODY_LIMIT,
    config: { roles: ['officer'] },
    schema: {
      tags: TAGS,
      operationId: 'importRoster',
      summary: 'Import a screening roster',
      description:
        `A JSON \`{ "cases": [...] }\` or a \`text/csv\` roster of at most ${MAX_IMPORT_ROWS} rows. Every valid row is opened ` +
        'even when others fail; failures are reported by row (from 1, the CSV header not counted) and field. ' +
        'Rows with a `caseId` can be imported again safely: those already opened count as `existing`. ' +
        'Each opened row is durably started; `GET /v1/cases/{caseId}` reads it at once, lists show it within seconds. ' +
        'CSV columns: caseId, name, idNumber, phone, town, village, diagnosis, hospitalId, insured, assistanceCategory, ' +
        'disabilityCertificate, guardianName, guardianPhone, guardianRelation; `insured` is true/false (empty: true). ' +
        'A CSV is at most 4 MiB, UTF-8 or GB18030 (declare `charset=gb18030`, or it is recognised); a JSON roster at most 6 MiB.',
      security: BEARER_SECURITY,
      // Checked in the handler by media type: a union here would report an object's errors as the string branch's.
      body: z.unknown(),
      [BODY_CONTENT_KEY]: {
        'application/json': importJsonDocSchema,
        'text/csv': z.string().describe('a header row, then one case per row'),
      },
      response: { 200: importResultSchema, ...securedProblemResponses() },
    },
    handler: async (request) => {
      const rows = parseRoster(request.body);
      return localizeImportResult(await roster.importRows(rows, principalOf(request), request.log, request.clientGone), request.lang);
    },
  });

  app.route({
    method: 'GET',
    url: '/v1/cases',
    config: { roles: READERS },
    schema: {
      tags: TAGS,
      operationId: 'listCases',
      summary: 'List cases, newest first',
      description: 'Filters combine. A hospital sees its own cases only. The list may lag behind writes by a few seconds.',
      security: BEARER_SECURITY,
      querystring: caseListQuerySchema,
      response: { 200: caseListSchema, ...securedProblemResponses() },
    },
    handler: async (request) => {
      const page = await cases.reads.listCases(request.query, principalOf(request));
      return { ...page, items: page.items.map((view) => localizeCase(view, request.lang)) };
    },
  });

  app.route({
    method: 'GET',
    url: '/v1/cases/:caseId',
    config: { roles: READERS },
    schema: {
      tags: TAGS,
      operationId: 'getCase',
      summary: 'Read a case',
      description: 'Shows every write that has already returned. The hospital role sees the ID number masked.',
      security: BEARER_SECURITY,
      params: caseIdParamsSchema,
      response: { 200: caseViewSchema, ...securedProblemResponses(404) },
    },
    handler: async (request) => localizeCase(await cases.reads.getCase(request.params.caseId, principalOf(request)), request.lang),
  });

  app.route({
    method: 'GET',
    url: '/v1/cases/:caseId/events',
    config: { roles: READERS },
    schema: {
      tags: TAGS,
      operationId: 'listCaseEvents',
      summary: "A case's timeline",
      description: '`seq` from 1 upward with no gaps. May lag behind writes by a few seconds.',
      security: BEARER_SECURITY,
      params: caseIdParamsSchema,
      response: { 200: caseEventListSchema, ...securedProblemResponses(404) },
    },
    handler: async (request) => ({ items: (await cases.reads.listEvents(request.params.caseId, principalOf(request))).map((event) => localizeEvent(event, request.lang)) }),
  });

  const transition = <K extends TransitionKind>(
    kind: K,
    role: 'officer' | 'hospital',
    body: z.ZodType,
    summary: string,
    stages: string,
  ) =>
    app.route({
      method: 'POST',
      url: `/v1/cases/:caseId/${kind}`,
      config: { roles: [role] },
      schema: {
        tags: TAGS,
        operationId: `${kind}Case`,
        summary,
        description:
          `Allowed in ${stages}; otherwise 409 \`stage-conflict\` with \`currentStage\`. The same request again answers 200 with ` +
          'the current case and changes nothing; a different body for an action already applied is 409 `idempotency-conflict`.' +
          (role === 'hospital' ? ' Only the hospital the case is assigned to may call it (others get 404).' : ''),
        security: BEARER_SECURITY,
        params: caseIdParamsSchema,
        body,
        response: { 200: caseViewSchema, ...securedProblemResponses(404, 409) },
      },
      handler: async (request) =>
        localizeCase(
          await cases.transitions.transition(kind, (request.params as { caseId: string }).caseId, request.body as never, principalOf(request), request.clientGone),
          request.lang,
        ),
    });

  transition('screening', 'officer', screeningSchema, 'Record the screening result', '`SCREENING`');
  transition('admission', 'hospital', admissionSchema, 'Record the admission (deposit-free)', '`AWAITING_ADMISSION`');
  transition('surgery', 'hospital', surgerySchema, 'Record the completed surgery', '`AWAITING_SURGERY`');
  transition('discharge', 'hospital', dischargeSchema, 'Record the discharge with the final bill', '`REHABILITATION`');
  transition('withdraw', 'officer', withdrawSchema, 'Withdraw the case', '`SCREENING`, `AWAITING_ADMISSION` and `AWAITING_SURGERY`');
};
