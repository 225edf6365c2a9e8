/**
 * A batch's steps on PostgreSQL (a database of this file's own: a program has one open payroll at a
 * time, and other files open theirs): each reads the payroll's row and that batch's lines only,
 * moves the row's totals by that batch's lines, and a step saved from a stale read fails rather
 * than move the totals twice. Totals checked against amounts written out by hand and against
 * PostgreSQL's own sum of the lines.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { lineKey, type BankResultFile, type PayrollLine } from '../../../../programs/subsidy/domain/index';
import { assignBatches, payrollLineTotals, readPayrollLines, updatePayrollLines } from '../../../../programs/subsidy/store/payroll-lines';
import { settleMonths, takeMonthsForPayroll } from '../../../../programs/subsidy/store/enrolment-months';
import { loadPayrollBatch, savePayroll, savePayrollBatch } from '../../../../programs/subsidy/store/payroll-state';
import { readPayrollRow } from '../../../../programs/subsidy/store/payrolls';
import { createDb } from '../../../../store/connection';
import { migrateToLatest } from '../../../../store/migrator';
import type { Database } from '../../../../store/schema';
import { testAdminDatabaseUrl } from '../../../support/stack';
import { benchPersonId, seedActiveEnrolments, seedPersons } from '../../../../bench/support/registry-seed';
import { loadConfig } from '../../../../config/config';
import { loadSubsidyPolicy } from '../../../../programs/subsidy/policy-file';
import { act, civilWang, financeZhao, system } from './fixtures';

let db: Kysely<Database>;

beforeAll(async () => {
  const shared = createDb(testAdminDatabaseUrl(), { max: 1 });
  const name = `payroll_batch_${randomBytes(4).toString('hex')}`;
  await sql.raw(`CREATE DATABASE ${name}`).execute(shared);
  await shared.destroy();
  const url = new URL(testAdminDatabaseUrl());
  url.pathname = `/${name}`;
  db = createDb(url.toString(), { max: 2 });
  await migrateToLatest(db);
  // The lines' enrolments and persons (the lines refer to them), loaded straight in.
  await seedPersons(db, 'batch', 0, 3);
  await seedActiveEnrolments(db, 'NURSING_SUBSIDY', loadSubsidyPolicy(loadConfig().subsidy.policyFile), 'batch', 3);
  await seedActiveEnrolments(db, 'LIVING_SUBSIDY', loadSubsidyPolicy(loadConfig().subsidy.policyFile), 'batch', 3);
}, 60_000);
afterAll(async () => {
  await db?.destroy();
});

test('a batch moves the totals by its own lines, and a stale step fails instead of moving them twice', async () => {
  const line = (n: number, amountFen: number): PayrollLine => ({ enrolmentId: `bench-n-000000${n}`, personId: benchPersonId('batch', n), month: '2026-05', amountFen });
  const lines = [line(0, 10000), line(1, 12000), line(2, 7000)];
  const [a, b, c] = lines.map((line) => lineKey('NURSING_SUBSIDY', line)) as [string, string, string];
  const opened = act(undefined, { action: 'open', program: 'NURSING_SUBSIDY', period: '2026-05', lines }, civilWang);
  await savePayroll(db, undefined, opened);
  const submitted = act(opened, { action: 'submit' }, civilWang);
  const payable = (line: PayrollLine) => ({ enrolmentId: line.enrolmentId, payableMonths: [{ month: line.month, amountFen: line.amountFen }], terminationReason: null });
  const approved = act(submitted, { action: 'approve', payabilities: lines.map(payable) }, financeZhao);
  await savePayroll(db, opened, approved);
  const payrollId = approved.payrollId;
  await assignBatches(db, payrollId, [
    { batchNo: 1, keys: [a, b] },
    { batchNo: 2, keys: [c] },
  ]);

  const first = (await loadPayrollBatch(db, payrollId, 1))!;
  expect(first.state.lines.map((line) => line.key)).toEqual([a, b]);
  const sent = act(first.state, { action: 'send-batch', batchNo: 1, keys: [a, b] }, system);
  await savePayrollBatch(db, first, sent);
  // Saved again from the same (now stale) read: the lines are SENT already, so nothing moves twice.
  await expect(savePayrollBatch(db, first, sent)).rejects.toThrow(/not as loaded/);

  const answered = (await loadPayrollBatch(db, payrollId, 1))!;
  const file: BankResultFile = {
    batchNo: 1,
    results: [
      { key: a, status: 'PAID', amountFen: 10000, reason: null, bankReference: 'SB-1' },
      { key: b, status: 'RETURNED', amountFen: 12000, reason: 'ACCOUNT_CLOSED', bankReference: 'SB-2' },
    ],
  };
  await savePayrollBatch(db, answered, act(answered.state, { action: 'record-results', file }, system));

  const row = (await readPayrollRow(db, payrollId))!;
  // By hand: three lines, 29000 fen; a paid (10000), b returned (12000), c still to send (7000).
  expect(row.totals).toEqual({ lines: 3, totalFen: 29000, paidFen: 10000, returnedFen: 12000, pendingFen: 7000 });
  expect(await payrollLineTotals(db, payrollId)).toEqual(row.totals);
  expect(row.paidFen).toBe(10000);
  expect((await readPayrollLines(db, payrollId)).map((line) => [line.key, line.status])).toEqual([
    [a, 'PAID'],
    [b, 'RETURNED'],
    [c, 'DRAFT'],
  ]);
});

test('lines and months are written by their keys, whatever text the bank answers with', async () => {
  const program = 'LIVING_SUBSIDY';
  const line = (n: number): PayrollLine => ({ enrolmentId: `bench-l-000000${n}`, personId: benchPersonId('batch', n), month: '2026-06', amountFen: 5000 + n });
  const lines = [line(0), line(1), line(2)];
  const [a, b, c] = lines.map((one) => lineKey(program, one)) as [string, string, string];
  const opened = act(undefined, { action: 'open', program, period: '2026-06', lines }, civilWang);
  await savePayroll(db, undefined, opened);
  const payrollId = opened.payrollId;
  // Two months each: only the pair asked for moves, never the enrolment's other month.
  await sql`insert into enrolment_months (enrolment_id, program, month, amount_fen, status)
            select enrolment_id, ${program}, m.month, 5000, 'PAYABLE' from enrolments, (values ('2026-05'), ('2026-06')) as m (month) where program = ${program}`.execute(db);
  const ref = (one: PayrollLine) => ({ enrolmentId: one.enrolmentId, month: one.month });
  const months = async () =>
    (await sql<{ enrolment_id: string; status: string; payroll_id: string | null }>`select enrolment_id, status, payroll_id from enrolment_months where program = ${program} and month = '2026-06' order by enrolment_id`.execute(db)).rows;

  // Taken: the two asked for, and not a month that has no row.
  const taken = await takeMonthsForPayroll(db, program, payrollId, [ref(lines[0]!), ref(lines[1]!), { enrolmentId: 'bench-l-0000099', month: '2026-06' }]);
  expect(taken.map((one) => one.enrolmentId).sort()).toEqual(['bench-l-0000000', 'bench-l-0000001']);
  // Settled once: a second answer for the same month changes nothing.
  expect(await settleMonths(db, program, payrollId, [ref(lines[0]!)], 'PAID')).toBe(1);
  expect(await settleMonths(db, program, payrollId, [ref(lines[0]!)], 'PAID')).toBe(0);
  expect(await months()).toEqual([
    { enrolment_id: 'bench-l-0000000', status: 'PAID', payroll_id: payrollId },
    { enrolment_id: 'bench-l-0000001', status: 'IN_PAYROLL', payroll_id: payrollId },
    { enrolment_id: 'bench-l-0000002', status: 'PAYABLE', payroll_id: null },
  ]);
  const otherMonth = await sql<{ status: string }>`select distinct status from enrolment_months where program = ${program} and month = '2026-05'`.execute(db);
  expect(otherMonth.rows).toEqual([{ status: 'PAYABLE' }]);

  // A bank's reference and reason are free text: quotes, commas, braces, backslashes and NULL pass as sent.
  const odd = 'SB-"{1,2}"\\ 农信\'s';
  await assignBatches(db, payrollId, [{ batchNo: 1, keys: [c, a] }, { batchNo: 2, keys: [b] }]);
  const stored = await readPayrollLines(db, payrollId);
  const record = (key: string) => {
    const { batchNo: _batchNo, ...rest } = stored.find((one) => one.key === key)!;
    return rest;
  };
  const moved = await updatePayrollLines(db, payrollId, [
    { line: { ...record(a), status: 'RETURNED', reason: 'ACCOUNT_CLOSED, "frozen" {x}', bankReference: odd }, from: 'DRAFT' },
    { line: { ...record(b), status: 'SENT', reason: null, bankReference: null }, from: 'DRAFT' },
    // Not moved: c is not SENT, so its change from SENT finds no line.
    { line: { ...record(c), status: 'PAID', reason: null, bankReference: 'SB-3' }, from: 'SENT' },
  ]);
  expect(moved).toBe(2);
  // A batch's step moves its own batch's lines only: b is in batch 2, so batch 1's step finds nothing.
  expect(await updatePayrollLines(db, payrollId, [{ line: { ...record(b), status: 'PAID', reason: null, bankReference: 'SB-9' }, from: 'SENT' }], { batchNo: 1 })).toBe(0);
  expect((await readPayrollLines(db, payrollId)).map((one) => [one.key, one.status, one.reason, one.bankReference, one.batchNo])).toEqual([
    [a, 'RETURNED', 'ACCOUNT_CLOSED, "frozen" {x}', odd, 1],
    [b, 'SENT', null, null, 2],
    [c, 'DRAFT', null, null, 1],
  ]);
});
