/**
 * What the payroll routes do, without HTTP: open a payroll (update-with-start of its workflow),
 * act on it with an Update, read it and its lines from the read model. The sandbox bank's switches
 * and books are read and written here too.
 */
import { ApplicationFailure, WithStartWorkflowOperation, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Lang } from '../../../domain/i18n/lang';
import type { Principal } from '../../../http/auth/tokens';
import { problems, type HttpProblem } from '../../../http/problems';
import { problemFromTemporalError } from '../../../http/temporal-errors';
import type { Database } from '../../../store/schema';
import { DROP_REASON_TERMS, PAYROLL_STAGE_TERMS, payrollIdOf, periodProblem, type SubsidyActor, type SubsidyProgram } from '../domain/index';
import { listPayrollLinePage } from '../store/payroll-lines';
import { bankAccountsOf } from '../store/enrolments';
import { findPersonsByIds } from '../../../store/persons';
import { PAYROLL_ROSTER_COLUMNS, rosterRow, type RosterPerson } from './payroll-export';
import { BANK_FILE_COLUMNS, bankFileRow, goesToTheBank } from './payroll-bank-file';
import { BANK_FILE_STAGES } from '../domain/index';
import type { PayrollSheet, SheetRow } from './payroll-sheet';
import { bankFileDownloadsOf, recordBankFileDownload, type BankFileDownload, type BankFileFormat } from '../store/payroll-bank-file-downloads';
import type { StoredPayrollLine } from '../store/payroll-lines';
import type { BankAccount } from '../domain/index';
import { listPayrolls, openPayrollOf, readPayrollRow, type PayrollRow } from '../store/payrolls';
import {
  approvePayrollUpdate,
  openPayrollUpdate,
  PAYROLL_OPEN_FAILURE_TYPE,
  recomputePayrollUpdate,
  rejectPayrollUpdate,
  submitPayrollUpdate,
  type PayrollActionArgs,
  type PayrollInput,
  type PayrollSummary,
} from '../workflow/payroll-definitions';
import type { UpdateDefinition } from '@temporalio/common';
import type { NewPayrollInput, PayrollView } from './payroll-schemas';
import { setPayrollSchedulePaused } from './payroll-schedules';
import type { PayrollLineStatus } from '../domain/index';

export interface PayrollServiceDeps {
  db: Kysely<Database>;
  temporal: Client;
  taskQueue: string;
  batchSize: number;
  clock: () => Date;
}

export type PayrollAction = 'recompute' | 'submit' | 'approve' | 'reject';

const UPDATES: Record<PayrollAction, UpdateDefinition<PayrollSummary, [PayrollActionArgs]>> = {
  recompute: recomputePayrollUpdate,
  submit: submitPayrollUpdate,
  approve: approvePayrollUpdate,
  reject: rejectPayrollUpdate,
};

function actorOf(principal: Principal): SubsidyActor {
  return { role: principal.role as SubsidyActor['role'], sub: principal.sub };
}

export function presentPayroll(row: PayrollRow, lang: Lang): PayrollView {
  return {
    payrollId: row.payrollId,
    program: row.program,
    period: row.period,
    stage: row.stage,
    stageName: PAYROLL_STAGE_TERMS[row.stage][lang],
    submittedBy: row.submittedBy,
    approvedBy: row.approvedBy,
    rejections: row.rejections.map((rejection) => ({ reason: rejection.reason, by: rejection.by, at: rejection.at })),
    totals: { lines: row.totals.lines, totalFen: row.totals.totalFen, paidFen: row.totals.paidFen, returnedFen: row.totals.returnedFen, pendingFen: row.totals.pendingFen },
    dropped: row.dropped.map((line) => ({ enrolmentId: line.enrolmentId, month: line.month, reason: line.reason, reasonText: DROP_REASON_TERMS[line.reason][lang] })),
    openedAt: row.openedAt,
    stageEnteredAt: row.stageEnteredAt,
  };
}

const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function decodeCursor<T>(cursor: string | undefined, valid: (value: unknown) => value is T): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (valid(value)) return value;
  } catch {
    // falls through to the refusal below
  }
  throw problems.unprocessable('cursor: not a cursor this list gave');
}

/** A refusal the payroll workflow raised, as its problem. */
function problemOfPayrollFailure(error: unknown): HttpProblem | undefined {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === PAYROLL_OPEN_FAILURE_TYPE) {
    const openPayrollId = (error.cause.details?.[0] as { openPayrollId?: string } | undefined)?.openPayrollId ?? '';
    return problems.payrollOpen(openPayrollId);
  }
  return problemFromTemporalError(error);
}

/** Lines read for a file at a time: a payroll of any size is written in pages of this many. */
const FILE_PAGE_LINES = 1000;

interface FileLine {
  line: StoredPayrollLine;
  person: RosterPerson | undefined;
  account: BankAccount | undefined;
}

/** The payroll's lines in key order (enrolment, then month), a page at a time, each with its person and account. */
async function* linePages(db: Kysely<Database>, payrollId: string): AsyncGenerator<FileLine[]> {
  let after: string | undefined;
  for (;;) {
    const lines = await listPayrollLinePage(db, payrollId, undefined, FILE_PAGE_LINES, after);
    if (lines.length === 0) return;
    const persons = await findPersonsByIds(db, [...new Set(lines.map((line) => line.personId))]);
    const accounts = await bankAccountsOf(db, [...new Set(lines.map((line) => line.enrolmentId))]);
    yield lines.map((line) => {
      const person = persons.get(line.personId);
      return { line, person: person ? { name: person.name, idNumber: person.id_number, town: person.town } : undefined, account: accounts.get(line.enrolmentId) };
    });
    if (lines.length < FILE_PAGE_LINES) return;
    after = lines[lines.length - 1]!.key;
  }
}

export class PayrollService {
  constructor(private readonly deps: PayrollServiceDeps) {}

  /** Pauses or resumes the program's monthly schedule. */
  async setSchedulePaused(program: SubsidyProgram, paused: boolean, principal: Principal, note?: string) {
    return setPayrollSchedulePaused(this.deps.temporal, program, this.deps.taskQueue, paused, note ?? `${paused ? 'paused' : 'resumed'} by ${principal.sub}`);
  }

  /** Opens the program's payroll for the month, or finds it: `created` false when it existed. */
  async open(input: NewPayrollInput, principal: Principal, lang: Lang): Promise<{ created: boolean; view: PayrollView }> {
    const { db, temporal } = this.deps;
    const payrollId = payrollIdOf(input.program, input.period);
    const existing = await readPayrollRow(db, payrollId);
    if (existing) return { created: false, view: presentPayroll(existing, lang) };
    const problem = periodProblem(input.period, this.deps.clock().toISOString());
    if (problem) throw problems.unprocessable(problem);
    const open = await openPayrollOf(db, input.program);
    if (open !== undefined) throw problems.payrollOpen(open);
    const actor = actorOf(principal);
    const args: PayrollInput = { program: input.program, period: input.period, opener: actor, batchSize: this.deps.batchSize };
    const startWorkflowOperation = new WithStartWorkflowOperation('payroll', {
      workflowId: payrollId,
      taskQueue: this.deps.taskQueue,
      args: [args],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    try {
      await temporal.workflow.executeUpdateWithStart(openPayrollUpdate, { args: [{ actor }], startWorkflowOperation });
    } catch (error) {
      throw problemOfPayrollFailure(error) ?? error;
    }
    const row = await readPayrollRow(db, payrollId);
    if (!row) throw new Error(`payroll ${payrollId} answered its opening but is not stored`);
    return { created: true, view: presentPayroll(row, lang) };
  }

  async get(payrollId: string, lang: Lang): Promise<PayrollView> {
    const row = await readPayrollRow(this.deps.db, payrollId);
    if (!row) throw problems.notFound(`no payroll ${payrollId}`);
    return presentPayroll(row, lang);
  }

  async list(query: { program?: SubsidyProgram; limit: number; cursor?: string }, lang: Lang): Promise<{ items: PayrollView[]; nextCursor: string | null }> {
    const after = decodeCursor(query.cursor, (value): value is { period: string; payrollId: string } => typeof (value as { period?: unknown })?.period === 'string' && typeof (value as { payrollId?: unknown })?.payrollId === 'string');
    const rows = await listPayrolls(this.deps.db, query.program, query.limit + 1, after);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page.map((row) => presentPayroll(row, lang)), nextCursor: rows.length > query.limit && last ? encodeCursor({ period: last.period, payrollId: last.payrollId }) : null };
  }

  async lines(payrollId: string, query: { status?: PayrollLineStatus; limit: number; cursor?: string }) {
    if (!(await readPayrollRow(this.deps.db, payrollId))) throw problems.notFound(`no payroll ${payrollId}`);
    const after = decodeCursor(query.cursor, (value): value is { key: string } => typeof (value as { key?: unknown })?.key === 'string');
    const rows = await listPayrollLinePage(this.deps.db, payrollId, query.status, query.limit + 1, after?.key);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((line) => ({ enrolmentId: line.enrolmentId, personId: line.personId, month: line.month, amountFen: line.amountFen, status: line.status, reason: line.reason, bankReference: line.bankReference })),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ key: last.key }) : null,
    };
  }

  /** The roster (every line, IDs and accounts masked), read a page at a time as it is written. 404 before anything is written. */
  async rosterSheet(payrollId: string, lang: Lang): Promise<PayrollSheet> {
    const row = await readPayrollRow(this.deps.db, payrollId);
    if (!row) throw problems.notFound(`no payroll ${payrollId}`);
    let number = 0;
    let totalFen = 0;
    const db = this.deps.db;
    async function* pages(): AsyncGenerator<SheetRow[]> {
      for await (const page of linePages(db, payrollId)) {
        yield page.map(({ line, person, account }) => {
          number += 1;
          if (goesToTheBank(line)) totalFen += line.amountFen;
          return rosterRow(number, line, person, account, lang);
        });
      }
    }
    return {
      columns: PAYROLL_ROSTER_COLUMNS,
      title: { 'zh-CN': `发放名册 ${row.period}`, en: `Roster ${row.period}` },
      pages: pages(),
      totals: () => ({ label: { 'zh-CN': '合计（不含已剔除）', en: 'Total (dropped lines excluded)' }, amountFen: totalFen }),
    };
  }

  /** Who downloaded the payroll's bank file (full account numbers), when and as what, oldest first. */
  async bankFileDownloads(payrollId: string): Promise<{ items: Omit<BankFileDownload, 'payrollId'>[] }> {
    if (!(await readPayrollRow(this.deps.db, payrollId))) throw problems.notFound(`no payroll ${payrollId}`);
    const downloads = await bankFileDownloadsOf(this.deps.db, payrollId);
    return { items: downloads.map(({ downloadedBy, role, format, downloadedAt }) => ({ downloadedBy, role, format, downloadedAt })) };
  }

  /**
   * The bank file (full account numbers): for finance, once the payroll is approved. The download
   * is recorded before a byte is written; 404 and 409 before anything is.
   */
  async bankFileSheet(payrollId: string, principal: Principal, format: BankFileFormat): Promise<PayrollSheet> {
    const db = this.deps.db;
    const row = await readPayrollRow(db, payrollId);
    if (!row) throw problems.notFound(`no payroll ${payrollId}`);
    if (!BANK_FILE_STAGES.includes(row.stage)) throw problems.stageConflict(row.stage, `bank-file needs stage ${BANK_FILE_STAGES.join(' or ')}; the payroll is ${row.stage}`);
    await recordBankFileDownload(db, { payrollId, downloadedBy: principal.sub, role: principal.role, format });
    let totalFen = 0;
    let count = 0;
    async function* pages(): AsyncGenerator<SheetRow[]> {
      for await (const page of linePages(db, payrollId)) {
        const sent = page.filter(({ line }) => goesToTheBank(line));
        for (const { line } of sent) totalFen += line.amountFen;
        count += sent.length;
        yield sent.map(({ line, person, account }) => bankFileRow(line, person?.name ?? '', account));
      }
    }
    return {
      columns: BANK_FILE_COLUMNS,
      title: { 'zh-CN': `代发 ${row.period}`, en: `Bank file ${row.period}` },
      pages: pages(),
      totals: () => ({ label: { 'zh-CN': `合计 ${count} 笔`, en: `Total, ${count} payments` }, amountFen: totalFen }),
    };
  }

  /** An action on the payroll through its workflow's Update; answers with the payroll as stored after it. */
  async act(action: PayrollAction, payrollId: string, body: { reason?: string } | undefined, principal: Principal, lang: Lang): Promise<PayrollView> {
    const { db, temporal } = this.deps;
    const row = await readPayrollRow(db, payrollId);
    if (!row) throw problems.notFound(`no payroll ${payrollId}`);
    // A reconciled payroll's workflow has ended: nothing more can be done to it.
    if (row.stage === 'RECONCILED') throw problems.stageConflict(row.stage, `${action} needs an open payroll; the payroll is RECONCILED`);
    const args: PayrollActionArgs = { actor: actorOf(principal), ...(body?.reason !== undefined ? { reason: body.reason } : {}) };
    try {
      await temporal.workflow.getHandle(payrollId).executeUpdate(UPDATES[action], { args: [args] });
    } catch (error) {
      throw problemOfPayrollFailure(error) ?? error;
    }
    return this.get(payrollId, lang);
  }
}
