/**
 * Properties of the payroll's core over random months tables, lines and bank answers. Expected
 * values come from naive oracles written here (filters and sums over plain lists), not from the
 * code under test.
 */
import fc from 'fast-check';
import {
  batchLines,
  decidePayroll,
  payrollLines,
  payrollTotals,
  reconciliationDiscrepancies,
  takeLines,
  type BankRecord,
  type EnrolmentPayability,
  type PayrollLine,
  type PayrollLineRecord,
  type PayrollMonthRow,
} from '../../../../programs/subsidy/domain/payroll';
import type { SubsidyProgram } from '../../../../programs/subsidy/domain/programs';
import { act, JUNE_TENTH, refusalOf } from './fixtures';

const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
const month = fc.constantFrom(...MONTHS);
const enrolmentId = fc.constantFrom('e-1', 'e-2', 'e-3', 'e-4', 'e-5');
const program = fc.constantFrom<SubsidyProgram>('NURSING_SUBSIDY', 'LIVING_SUBSIDY');
const amountFen = fc.integer({ min: 1, max: 2_000_000 });

const row: fc.Arbitrary<PayrollMonthRow> = fc.record({
  enrolmentId,
  personId: fc.constant('p'),
  program,
  month,
  amountFen,
  status: fc.constantFrom<PayrollMonthRow['status']>('PAYABLE', 'SUSPENDED', 'IN_PAYROLL', 'PAID', 'RETURNED'),
  accountCorrected: fc.boolean(),
});
/** Rows as the table holds them (one per program, enrolment and month) or, now and then, with a repeat. */
const rows = fc.array(row, { maxLength: 40 });

/** A few names, so that the same person submitting and approving comes up often. */
const clerk = fc.constantFrom('wang', 'li', 'zhao', 'wang-2');

const id = (line: { enrolmentId: string; month: string }) => `${line.enrolmentId}|${line.month}`;

/** Lines with distinct enrolment and month, as a payroll holds them. */
const distinctLines: fc.Arbitrary<PayrollLine[]> = fc.uniqueArray(fc.record({ enrolmentId, personId: fc.constant('p'), month, amountFen }), { selector: id, maxLength: 30 });

describe('payroll properties', () => {
  it('lists each enrolment and month at most once, and exactly the months owed and untaken up to the period', () => {
    fc.assert(
      fc.property(rows, program, month, (table, prog, period) => {
        const lines = payrollLines(table, prog, period);
        expect(new Set(lines.map(id)).size).toBe(lines.length);
        // The oracle: a key is paid when some row of it is payable and none is taken.
        const mine = table.filter((r) => r.program === prog && r.month <= period);
        const expected = new Set(
          mine
            .filter((r) => r.status === 'PAYABLE' || (r.status === 'RETURNED' && r.accountCorrected))
            .map(id)
            .filter((key) => !mine.some((r) => id(r) === key && (r.status === 'IN_PAYROLL' || r.status === 'PAID'))),
        );
        expect(new Set(lines.map(id))).toEqual(expected);
      }),
    );
  });

  it('never pays a month twice across two payrolls once the first one’s lines are taken or paid', () => {
    fc.assert(
      fc.property(rows, program, month, month, fc.boolean(), (table, prog, first, second, paid) => {
        const [p1, p2] = first <= second ? [first, second] : [second, first];
        const firstLines = payrollLines(table, prog, p1);
        let after = takeLines(table, prog, firstLines);
        if (paid) after = after.map((r) => (r.status === 'IN_PAYROLL' ? { ...r, status: 'PAID' as const } : r));
        const secondLines = payrollLines(after, prog, p2);
        const firstKeys = new Set(firstLines.map(id));
        expect(secondLines.filter((line) => firstKeys.has(id(line)))).toEqual([]);
      }),
    );
  });

  it('adds up: paid + returned + pending = total, over the lines not dropped', () => {
    const record = fc.record({ amountFen, status: fc.constantFrom<PayrollLineRecord['status']>('DRAFT', 'SENT', 'PAID', 'RETURNED', 'DROPPED') });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 50 }), (records) => {
        const totals = payrollTotals(records);
        expect(totals.paidFen + totals.returnedFen + totals.pendingFen).toBe(totals.totalFen);
        const counted = records.filter((r) => r.status !== 'DROPPED');
        let total = 0;
        for (const r of counted) total += r.amountFen;
        expect(totals.lines).toBe(counted.length);
        expect(totals.totalFen).toBe(total);
      }),
    );
  });

  it('refuses the approval exactly when the approver submitted it', () => {
    fc.assert(
      fc.property(clerk, clerk, distinctLines, (submitter, approver, lines) => {
        const draft = act(undefined, { action: 'open', program: 'NURSING_SUBSIDY', period: '2026-06', lines }, { role: 'civil', sub: submitter });
        const pending = act(draft, { action: 'submit' }, { role: 'civil', sub: submitter });
        const decision = decidePayroll(pending, { action: 'approve', payabilities: [] }, { role: 'finance', sub: approver }, JUNE_TENTH);
        if (submitter === approver) expect(refusalOf(decision)?.kind).toBe('four-eyes');
        else expect(decision.kind).toBe('apply');
      }),
    );
  });

  it('sends no line dropped at approval, and keeps or drops every line', () => {
    const payabilities = fc.uniqueArray(
      fc.record({
        enrolmentId,
        payableMonths: fc.uniqueArray(fc.record({ month, amountFen: fc.constantFrom(10000, 8000) }), { selector: (m) => m.month }),
        terminationReason: fc.constantFrom(null, 'DIED' as const, 'MOVED_OUT' as const),
      }),
      { selector: (p) => p.enrolmentId, maxLength: 5 },
    );
    const lines = fc.uniqueArray(fc.record({ enrolmentId, personId: fc.constant('p'), month, amountFen: fc.constantFrom(10000, 8000) }), { selector: id, maxLength: 30 });
    fc.assert(
      fc.property(lines, payabilities, fc.integer({ min: 1, max: 7 }), (drafted, now: EnrolmentPayability[], size) => {
        const pending = act(act(undefined, { action: 'open', program: 'LIVING_SUBSIDY', period: '2026-06', lines: drafted }, { role: 'civil', sub: 'a' }), { action: 'submit' }, { role: 'civil', sub: 'a' });
        const approved = act(pending, { action: 'approve', payabilities: now }, { role: 'finance', sub: 'b' });
        const sent = batchLines(
          approved.lines.filter((line) => line.status === 'DRAFT'),
          size,
        ).flatMap((batch) => batch.lines.map(id));
        const dropped = new Set(approved.dropped.map(id));
        expect(sent.filter((key) => dropped.has(key))).toEqual([]);
        expect(new Set([...sent, ...dropped])).toEqual(new Set(drafted.map(id)));
        expect(sent.length + dropped.size).toBe(drafted.length);
        // The oracle for what is kept: the enrolment lists the month as payable, at the line's amount.
        for (const line of drafted) {
          const owed = now.find((p) => p.enrolmentId === line.enrolmentId)?.payableMonths.find((m) => m.month === line.month);
          expect(sent.includes(id(line))).toBe(owed !== undefined && owed.amountFen === line.amountFen);
        }
      }),
    );
  });

  it('partitions the lines into batches of at most N, the same whatever order they came in', () => {
    fc.assert(
      fc.property(distinctLines, fc.integer({ min: 1, max: 12 }), fc.nat(), (lines, size, turn) => {
        const batches = batchLines(lines, size);
        const flat = batches.flatMap((batch) => batch.lines);
        expect(flat.map(id).sort()).toEqual(lines.map(id).sort());
        expect(new Set(flat.map(id)).size).toBe(flat.length);
        expect(batches.every((batch) => batch.lines.length >= 1 && batch.lines.length <= size)).toBe(true);
        expect(batches.map((batch) => batch.batchNo)).toEqual(batches.map((_, i) => i + 1));
        expect(batches.length).toBe(Math.ceil(lines.length / size));
        const k = lines.length === 0 ? 0 : turn % lines.length;
        const shuffled = [...lines.slice(k), ...lines.slice(0, k)].reverse();
        expect(batchLines(shuffled, size)).toEqual(batches);
      }),
    );
  });

  it('reconciles when the bank’s books mirror the paid lines, and not when any paid amount differs', () => {
    const record = fc.record({ amountFen, status: fc.constantFrom<PayrollLineRecord['status']>('PAID', 'RETURNED', 'DROPPED') });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 20 }), fc.nat(), fc.integer({ min: 1, max: 1000 }), (partial, pick, delta) => {
        const records: PayrollLineRecord[] = partial.map((r, i) => ({ ...r, key: `LIVING_SUBSIDY:e-${i}:2026-06`, enrolmentId: `e-${i}`, personId: 'p', month: '2026-06', reason: null, bankReference: null }));
        let paidFen = 0;
        for (const r of records) if (r.status === 'PAID') paidFen += r.amountFen;
        const books: BankRecord[] = records.filter((r) => r.status !== 'DROPPED').map((r) => ({ key: r.key, status: r.status as 'PAID' | 'RETURNED', amountFen: r.amountFen }));
        expect(reconciliationDiscrepancies(records, paidFen, books)).toEqual([]);
        const paidBooks = books.filter((b) => b.status === 'PAID');
        if (paidBooks.length === 0) return;
        const wrong = paidBooks[pick % paidBooks.length]!;
        const altered = books.map((b) => (b === wrong ? { ...b, amountFen: b.amountFen + delta } : b));
        expect(reconciliationDiscrepancies(records, paidFen, altered).map((d) => d.kind)).toEqual(['AMOUNT_DIFFERS', 'TOTALS_DIFFER']);
      }),
    );
  });
});
