/**
 * /v1/payrolls: open a month's payroll, read it and its lines, and the four actions of its stages;
 * /v1/admin/sandbox/bank: the sandbox bank's switches and books. Civil affairs drafts and submits,
 * finance approves or rejects; an administrator reads.
 */
import { PassThrough, type Writable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Role } from '../../../domain/actor';
import type { Lang } from '../../../domain/i18n/lang';
import { BEARER_SECURITY, securedProblemResponses } from '../../../http/openapi';
import { principalOf } from '../../../http/plugins/auth';
import type { Database } from '../../../store/schema';
import { listSandboxBankRecords, putSandboxBankSetting } from '../store/sandbox-bank';
import './problem-texts';
import {
  bankFileDownloadsSchema,
  newPayrollSchema,
  payrollScheduleNoteSchema,
  payrollScheduleParamsSchema,
  payrollScheduleStateSchema,
  payrollIdParamsSchema,
  payrollLineListSchema,
  payrollLineQuerySchema,
  payrollListQuerySchema,
  payrollListSchema,
  payrollRejectionSchema,
  payrollViewSchema,
  sandboxBankRecordsQuerySchema,
  sandboxBankRecordsSchema,
  sandboxBankSettingSchema,
} from './payroll-schemas';
import type { PayrollAction, PayrollService } from './payrolls.service';
import { BANK_FILE_STAGES } from '../domain/index';
import type { PayrollSheet } from './payroll-sheet';
import { ReaderGone, writeSheetCsv, writeSheetXlsx, XLSX_MEDIA_TYPE } from './payroll-sheet-writers';
import type { BankFileFormat } from '../store/payroll-bank-file-downloads';

export interface PayrollRoutesOptions {
  payrolls: PayrollService;
  db: Kysely<Database>;
}

const TAGS = ['payrolls'];
const READERS = ['civil', 'finance', 'admin'] as const satisfies readonly Role[];

const ACTIONS: { action: PayrollAction; roles: Role[]; summary: string; when: string }[] = [
  { action: 'recompute', roles: ['civil'], summary: 'Compute the draft\'s lines again', when: 'in `DRAFT`' },
  { action: 'submit', roles: ['civil'], summary: 'Submit the payroll for approval', when: 'in `DRAFT`; → `PENDING_APPROVAL`' },
  {
    action: 'approve',
    roles: ['finance'],
    summary: 'Approve the payroll (finance)',
    when: 'in `PENDING_APPROVAL`; the approver must not be the submitter (409 `four-eyes`). Every line is checked against its enrolment again; lines no longer owed are dropped and listed in `dropped`. → `DISBURSING`, then `RECONCILED` once the bank has answered every batch and its books agree',
  },
  { action: 'reject', roles: ['finance'], summary: 'Send the payroll back to civil affairs', when: 'in `PENDING_APPROVAL`, with a `reason`; → `DRAFT`' },
];

interface FileFormat {
  extension: BankFileFormat;
  name: string;
  mediaType: string;
  contentType: string;
  described: string;
  write: (sheet: PayrollSheet, lang: Lang, out: Writable) => Promise<void>;
}

/** A payroll file is written as CSV (UTF-8 with a BOM) or as an .xlsx spreadsheet. */
const FILE_FORMATS: readonly FileFormat[] = [
  { extension: 'csv', name: 'CSV', mediaType: 'text/csv', contentType: 'text/csv; charset=utf-8', described: 'CSV in UTF-8 with a byte-order mark.', write: writeSheetCsv },
  { extension: 'xlsx', name: 'a spreadsheet', mediaType: XLSX_MEDIA_TYPE, contentType: XLSX_MEDIA_TYPE, described: 'An .xlsx workbook of one sheet, the header frozen.', write: writeSheetXlsx },
];

/** The file's name: ASCII for old clients, the language's own in `filename*`. */
function attachment(payrollId: string, kind: string, extension: string): string {
  return `attachment; filename="${payrollId}.${extension}"; filename*=UTF-8''${encodeURIComponent(`${kind}-${payrollId}.${extension}`)}`;
}

/**
 * The file written into a stream as the client reads it. A failure half-way cuts the answer short
 * (its status is already sent); the log line, under the request's id, says what failed, never a
 * row of the file. A client that goes away stops the writing (no more pages are read).
 */
function streamed(request: FastifyRequest, sheet: PayrollSheet, write: FileFormat['write']): string {
  const out = new PassThrough();
  write(sheet, request.lang, out).catch((error: unknown) => {
    if (error instanceof ReaderGone) {
      request.log.info('payroll file abandoned by its reader');
      return;
    }
    request.log.error({ err: { message: error instanceof Error ? error.message : String(error) } }, 'payroll file failed');
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  // Fastify pipes a stream it is given; the schema's type (the file as a string) is what the client reads.
  return out as unknown as string;
}

export const payrollRoutes: FastifyPluginAsyncZod<PayrollRoutesOptions> = async (app, { payrolls, db }) => {
  app.route({
    method: 'POST',
    url: '/v1/payrolls',
    config: { roles: ['civil'] },
    schema: {
      tags: TAGS,
      operationId: 'openPayroll',
      summary: "Open a program's payroll for a month",
      description:
        'Lines: every month owed up to and including `period` that no payroll has paid (arrears, and months the bank returned once the ' +
        'account was corrected). The same program and period again: 200 with the payroll. A period after the current month: 422. ' +
        'Another payroll of the program not yet `RECONCILED`: 409 `payroll-open` with `openPayrollId`.',
      security: BEARER_SECURITY,
      body: newPayrollSchema,
      response: { 201: payrollViewSchema, 200: payrollViewSchema, ...securedProblemResponses(409, 422) },
    },
    handler: async (request, reply) => {
      const { created, view } = await payrolls.open(request.body, principalOf(request), request.lang);
      request.log.info({ payrollId: view.payrollId, created }, 'payroll opened');
      return reply.code(created ? 201 : 200).header('location', `/v1/payrolls/${encodeURIComponent(view.payrollId)}`).send(view);
    },
  });

  app.route({
    method: 'GET',
    url: '/v1/payrolls',
    config: { roles: READERS },
    schema: {
      tags: TAGS,
      operationId: 'listPayrolls',
      summary: 'List payrolls, latest month first',
      security: BEARER_SECURITY,
      querystring: payrollListQuerySchema,
      response: { 200: payrollListSchema, ...securedProblemResponses(422) },
    },
    handler: async (request) => payrolls.list(request.query, request.lang),
  });

  app.route({
    method: 'GET',
    url: '/v1/payrolls/:payrollId',
    config: { roles: READERS },
    schema: {
      tags: TAGS,
      operationId: 'getPayroll',
      summary: 'Read a payroll',
      security: BEARER_SECURITY,
      params: payrollIdParamsSchema,
      response: { 200: payrollViewSchema, ...securedProblemResponses(404) },
    },
    handler: async (request) => payrolls.get(request.params.payrollId, request.lang),
  });

  app.route({
    method: 'GET',
    url: '/v1/payrolls/:payrollId/lines',
    config: { roles: READERS },
    schema: {
      tags: TAGS,
      operationId: 'listPayrollLines',
      summary: "A payroll's lines, by bank key",
      description: 'Filter by `status`; `limit` 1–1000 (100), `cursor` the previous page\'s `nextCursor`. No account or ID number is shown.',
      security: BEARER_SECURITY,
      params: payrollIdParamsSchema,
      querystring: payrollLineQuerySchema,
      response: { 200: payrollLineListSchema, ...securedProblemResponses(404, 422) },
    },
    handler: async (request) => payrolls.lines(request.params.payrollId, request.query),
  });

  for (const format of FILE_FORMATS) {
    app.route({
      method: 'GET',
      url: `/v1/payrolls/:payrollId/export.${format.extension}`,
      config: { roles: READERS },
      schema: {
        tags: TAGS,
        operationId: format.extension === 'csv' ? 'exportPayrollRoster' : 'exportPayrollRosterSpreadsheet',
        summary: `The payroll's roster as ${format.name}`,
        description:
          `${format.described} One row per line (dropped and returned ones too, with why), the header in the request's language (Chinese by default). ` +
          'ID and account numbers are masked for every role.' +
          (format.extension === 'xlsx' ? ' Amounts are numbers in yuan shown with two decimals; the last row is the total of the lines not dropped.' : ''),
        security: BEARER_SECURITY,
        params: payrollIdParamsSchema,
        response: { 200: { description: 'The roster', content: { [format.mediaType]: { schema: z.string() } } }, ...securedProblemResponses(404) },
      },
      handler: async (request, reply) => {
        const { payrollId } = request.params;
        const sheet = await payrolls.rosterSheet(payrollId, request.lang);
        return reply
          .type(format.contentType)
          .header('content-disposition', attachment(payrollId, request.lang === 'en' ? 'roster' : '发放名册', format.extension))
          .send(streamed(request, sheet, format.write));
      },
    });

    app.route({
      method: 'GET',
      url: `/v1/payrolls/:payrollId/bank-file.${format.extension}`,
      config: { roles: ['finance'] },
      schema: {
        tags: TAGS,
        operationId: format.extension === 'csv' ? 'downloadPayrollBankFile' : 'downloadPayrollBankFileSpreadsheet',
        summary: `The payroll's bank file as ${format.name} (finance)`,
        description:
          `${format.described} What the bank takes: one row per line sent to it (every line but the dropped ones) with its key ` +
          '`<program>:<enrolmentId>:<month>`, the account holder, the bank, the FULL account number and the amount in yuan. For finance only, ' +
          `once the payroll is approved (${BANK_FILE_STAGES.join(' or ')}; another stage: 409 \`stage-conflict\`). Every download is recorded ` +
          '(who, when, which format); the answer is not to be cached.',
        security: BEARER_SECURITY,
        params: payrollIdParamsSchema,
        response: { 200: { description: 'The bank file', content: { [format.mediaType]: { schema: z.string() } } }, ...securedProblemResponses(404, 409) },
      },
      handler: async (request, reply) => {
        const { payrollId } = request.params;
        const sheet = await payrolls.bankFileSheet(payrollId, principalOf(request), format.extension);
        request.log.info({ payrollId, format: format.extension }, 'bank file downloaded');
        return reply
          .type(format.contentType)
          .header('cache-control', 'no-store')
          .header('content-disposition', attachment(payrollId, request.lang === 'en' ? 'bank-file' : '银行代发', format.extension))
          .send(streamed(request, sheet, format.write));
      },
    });
  }

  app.route({
    method: 'GET',
    url: '/v1/payrolls/:payrollId/bank-file-downloads',
    config: { roles: ['finance', 'admin'] },
    schema: {
      tags: TAGS,
      operationId: 'listPayrollBankFileDownloads',
      summary: "Who downloaded the payroll's bank file (finance, admin)",
      description: 'Every download of the bank file, which holds full account numbers: the account, its role, the format and when, oldest first. Recorded before the first byte of the file is sent.',
      security: BEARER_SECURITY,
      params: payrollIdParamsSchema,
      response: { 200: bankFileDownloadsSchema, ...securedProblemResponses(404) },
    },
    handler: async (request) => payrolls.bankFileDownloads(request.params.payrollId),
  });

  for (const route of ACTIONS) {
    app.route({
      method: 'POST',
      url: `/v1/payrolls/:payrollId/${route.action}`,
      config: { roles: route.roles },
      schema: {
        tags: TAGS,
        operationId: `${route.action}Payroll`,
        summary: route.summary,
        description: `For ${route.roles.join(', ')}. Allowed ${route.when}. In another stage: 409 \`stage-conflict\` with \`currentStage\`.`,
        security: BEARER_SECURITY,
        params: payrollIdParamsSchema,
        ...(route.action === 'reject' ? { body: payrollRejectionSchema } : {}),
        response: { 200: payrollViewSchema, ...securedProblemResponses(404, 409, 422) },
      },
      handler: async (request) =>
        payrolls.act(route.action, (request.params as { payrollId: string }).payrollId, request.body as { reason?: string } | undefined, principalOf(request), request.lang),
    });
  }

  for (const paused of [true, false]) {
    app.route({
      method: 'POST',
      url: `/v1/admin/payroll-schedules/:program/${paused ? 'pause' : 'resume'}`,
      config: { roles: ['admin'] },
      schema: {
        tags: ['admin'],
        operationId: paused ? 'pausePayrollSchedule' : 'resumePayrollSchedule',
        summary: paused ? "Pause a subsidy's monthly payroll schedule" : "Resume a subsidy's monthly payroll schedule",
        description:
          'Each subsidy has one Temporal Schedule (PAYROLL_SCHEDULE, default the 10th at 09:00 Asia/Shanghai) that opens the month\'s payroll in ' +
          '`DRAFT`. Overlapping firings are skipped; a firing missed while Temporal was down runs when it is back within 3 days. A paused ' +
          'schedule opens nothing; civil affairs may still open a payroll by hand.',
        security: BEARER_SECURITY,
        params: payrollScheduleParamsSchema,
        body: payrollScheduleNoteSchema.nullish(),
        response: { 200: payrollScheduleStateSchema, ...securedProblemResponses(404) },
      },
      handler: async (request) => payrolls.setSchedulePaused(request.params.program, paused, principalOf(request), request.body?.note),
    });
  }

  app.route({
    method: 'PUT',
    url: '/v1/admin/sandbox/bank',
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'],
      operationId: 'putSandboxBank',
      summary: 'Switch the sandbox bank up, down or flaky',
      description:
        '`down`: every batch fails (the payroll retries and stalls, visible in the stuck radar); `flaky`: a batch fails with probability ' +
        '`failureRate`; `latencyMs` delays each batch; lines to an account in `returnAccounts` come back `RETURNED` (`ACCOUNT_CLOSED`).',
      security: BEARER_SECURITY,
      body: sandboxBankSettingSchema,
      response: { 200: sandboxBankSettingSchema, ...securedProblemResponses() },
    },
    handler: async (request) => {
      const setting = await putSandboxBankSetting(db, request.body);
      request.log.info({ mode: setting.mode, failureRate: setting.failureRate, latencyMs: setting.latencyMs, returnAccounts: setting.returnAccounts.length }, 'sandbox bank switched');
      return setting;
    },
  });

  app.route({
    method: 'GET',
    url: '/v1/admin/sandbox/bank/records',
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'],
      operationId: 'listSandboxBankRecords',
      summary: "The sandbox bank's own books",
      description: 'What the bank recorded for each key, oldest first, at most 10,000; filter by `payrollId`.',
      security: BEARER_SECURITY,
      querystring: sandboxBankRecordsQuerySchema,
      response: { 200: sandboxBankRecordsSchema, ...securedProblemResponses() },
    },
    handler: async (request) => {
      const records = await listSandboxBankRecords(db, request.query.payrollId, 10_000);
      return { items: records.map((record) => ({ key: record.key, status: record.status, amountFen: record.amountFen, recordedAt: record.recordedAt })) };
    },
  });
};
