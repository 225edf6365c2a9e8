import {
  batchLines,
  decidePayroll,
  payrollTotals,
  reconciliationDiscrepancies,
  type BankRecord,
  type EnrolmentPayability,
  type PayrollLine,
  type PayrollState,
} from '../../../../programs/subsidy/domain/payroll';
import { act, civilLi, civilWang, financeZhao, JUNE_TENTH, refusalOf, system } from './fixtures';

const lines: PayrollLine[] = [
  { enrolmentId: 'e-1', personId: 'p-1', month: '2026-05', amountFen: 10000 },
  { enrolmentId: 'e-1', personId: 'p-1', month: '2026-06', amountFen: 10000 },
  { enrolmentId: 'e-2', personId: 'p-2', month: '2026-06', amountFen: 8000 },
  { enrolmentId: 'e-3', personId: 'p-3', month: '2026-06', amountFen: 8000 },
];

/** Every line still owed as drafted. */
const allOwed: EnrolmentPayability[] = [
  { enrolmentId: 'e-1', payableMonths: [{ month: '2026-05', amountFen: 10000 }, { month: '2026-06', amountFen: 10000 }], terminationReason: null },
  { enrolmentId: 'e-2', payableMonths: [{ month: '2026-06', amountFen: 8000 }], terminationReason: null },
  { enrolmentId: 'e-3', payableMonths: [{ month: '2026-06', amountFen: 8000 }], terminationReason: null },
];

function submitted(): PayrollState {
  const draft = act(undefined, { action: 'open', program: 'NURSING_SUBSIDY', period: '2026-06', lines }, civilWang);
  return act(draft, { action: 'submit' }, civilWang);
}

describe("a payroll's stages", () => {
  it('opens as a draft named by program and period, with its totals', () => {
    const draft = act(undefined, { action: 'open', program: 'NURSING_SUBSIDY', period: '2026-06', lines }, system);
    expect(draft.payrollId).toBe('payroll-NURSING_SUBSIDY-2026-06');
    expect(draft.stage).toBe('DRAFT');
    expect(draft.lines.map((line) => line.key)).toEqual(['NURSING_SUBSIDY:e-1:2026-05', 'NURSING_SUBSIDY:e-1:2026-06', 'NURSING_SUBSIDY:e-2:2026-06', 'NURSING_SUBSIDY:e-3:2026-06']);
    expect(payrollTotals(draft.lines)).toEqual({ lines: 4, totalFen: 36000, paidFen: 0, returnedFen: 0, pendingFen: 36000 });
  });

  it('refuses a period after the current Shanghai month, and takes the current one', () => {
    const july = decidePayroll(undefined, { action: 'open', program: 'NURSING_SUBSIDY', period: '2026-07', lines: [] }, civilWang, JUNE_TENTH);
    expect(refusalOf(july)?.kind).toBe('unprocessable');
    expect(refusalOf(july)?.detail).toContain('period');
    // 30 June 17:00 UTC is already 1 July in Shanghai.
    expect(decidePayroll(undefined, { action: 'open', program: 'NURSING_SUBSIDY', period: '2026-07', lines: [] }, civilWang, '2026-06-30T17:00:00Z').kind).toBe('apply');
    expect(refusalOf(decidePayroll(undefined, { action: 'open', program: 'NURSING_SUBSIDY', period: '2026-6', lines: [] }, civilWang, JUNE_TENTH))?.kind).toBe('unprocessable');
  });

  it('refuses lines that list a month twice, a month after the period, or no amount', () => {
    const open = (bad: PayrollLine[]) => refusalOf(decidePayroll(undefined, { action: 'open', program: 'NURSING_SUBSIDY', period: '2026-06', lines: bad }, civilWang, JUNE_TENTH));
    expect(open([lines[0]!, lines[0]!])?.detail).toContain('listed twice');
    expect(open([{ ...lines[0]!, month: '2026-07' }])?.detail).toContain('after the period');
    expect(open([{ ...lines[0]!, amountFen: 0 }])?.detail).toContain('amount');
    expect(open([{ ...lines[0]!, amountFen: 100.5 }])?.detail).toMatch(/^lines/);
    const draft = act(undefined, { action: 'open', program: 'NURSING_SUBSIDY', period: '2026-06', lines }, civilWang);
    expect(refusalOf(decidePayroll(draft, { action: 'recompute', lines: [lines[1]!, lines[1]!] }, civilWang, JUNE_TENTH))?.kind).toBe('unprocessable');
  });

  it('finds the existing payroll when the same one is opened again', () => {
    const draft = act(undefined, { action: 'open', program: 'NURSING_SUBSIDY', period: '2026-06', lines }, civilWang);
    expect(decidePayroll(draft, { action: 'open', program: 'NURSING_SUBSIDY', period: '2026-06', lines: [] }, civilWang, JUNE_TENTH).kind).toBe('replay');
  });

  it('recomputes only a draft', () => {
    const draft = act(undefined, { action: 'open', program: 'NURSING_SUBSIDY', period: '2026-06', lines }, civilWang);
    const recomputed = act(draft, { action: 'recompute', lines: lines.slice(0, 1) }, civilWang);
    expect(payrollTotals(recomputed.lines).totalFen).toBe(10000);
    const pending = act(recomputed, { action: 'submit' }, civilWang);
    const refusal = refusalOf(decidePayroll(pending, { action: 'recompute', lines }, civilWang, JUNE_TENTH));
    expect(refusal).toMatchObject({ kind: 'stage-conflict', currentStage: 'PENDING_APPROVAL' });
  });

  it('refuses an approval by the person who submitted it (four eyes), even holding the finance role', () => {
    const pending = submitted();
    const sameSub = { role: 'finance' as const, sub: civilWang.sub };
    expect(refusalOf(decidePayroll(pending, { action: 'approve', payabilities: allOwed }, sameSub, JUNE_TENTH))?.kind).toBe('four-eyes');
    expect(act(pending, { action: 'approve', payabilities: allOwed }, financeZhao).stage).toBe('DISBURSING');
  });

  it('keeps the roles apart: civil affairs cannot approve, finance cannot submit', () => {
    const pending = submitted();
    expect(refusalOf(decidePayroll(pending, { action: 'approve', payabilities: allOwed }, civilLi, JUNE_TENTH))?.kind).toBe('forbidden');
    const draft = act(undefined, { action: 'open', program: 'NURSING_SUBSIDY', period: '2026-06', lines }, civilWang);
    expect(refusalOf(decidePayroll(draft, { action: 'submit' }, financeZhao, JUNE_TENTH))?.kind).toBe('forbidden');
    expect(refusalOf(decidePayroll(draft, { action: 'submit' }, { role: 'admin', sub: 'admin-1' }, JUNE_TENTH))?.kind).toBe('forbidden');
  });

  it('sends a rejected payroll back to draft with the reason, and a new submitter may resubmit', () => {
    const rejected = act(submitted(), { action: 'reject', reason: '五月金额需复核' }, financeZhao);
    expect(rejected.stage).toBe('DRAFT');
    expect(rejected.rejections).toEqual([{ reason: '五月金额需复核', by: 'finance-zhao', at: JUNE_TENTH }]);
    expect(rejected.submittedBy).toBeNull();
    const again = act(rejected, { action: 'submit' }, civilLi);
    expect(again.submittedBy).toBe('civil-li');
    expect(refusalOf(decidePayroll(submitted(), { action: 'reject', reason: '  ' }, financeZhao, JUNE_TENTH))?.detail).toMatch(/^reason/);
  });

  it('answers wrong stages with a stage conflict', () => {
    const draft = act(undefined, { action: 'open', program: 'NURSING_SUBSIDY', period: '2026-06', lines }, civilWang);
    expect(refusalOf(decidePayroll(draft, { action: 'approve', payabilities: allOwed }, financeZhao, JUNE_TENTH))).toMatchObject({ kind: 'stage-conflict', currentStage: 'DRAFT' });
    expect(refusalOf(decidePayroll(draft, { action: 'reject', reason: 'x' }, financeZhao, JUNE_TENTH))).toMatchObject({ kind: 'stage-conflict', currentStage: 'DRAFT' });
    expect(refusalOf(decidePayroll(draft, { action: 'reconcile', bankRecords: [] }, system, JUNE_TENTH))).toMatchObject({ kind: 'stage-conflict', currentStage: 'DRAFT' });
  });

  it('takes a retried submission or approval by the same person as a replay', () => {
    const pending = submitted();
    expect(decidePayroll(pending, { action: 'submit' }, civilWang, JUNE_TENTH).kind).toBe('replay');
    const approved = act(pending, { action: 'approve', payabilities: allOwed }, financeZhao);
    expect(decidePayroll(approved, { action: 'approve', payabilities: allOwed }, financeZhao, JUNE_TENTH).kind).toBe('replay');
    expect(refusalOf(decidePayroll(approved, { action: 'approve', payabilities: allOwed }, { role: 'finance', sub: 'finance-qian' }, JUNE_TENTH))?.kind).toBe('stage-conflict');
  });
});

describe('the check at approval', () => {
  it('drops the months after a death reported between submission and approval, and a changed amount', () => {
    const now: EnrolmentPayability[] = [
      // Died on 17 May: May is still owed, June is not.
      { enrolmentId: 'e-1', payableMonths: [{ month: '2026-05', amountFen: 10000 }], terminationReason: 'DIED' },
      { enrolmentId: 'e-2', payableMonths: [{ month: '2026-06', amountFen: 9000 }], terminationReason: null },
      { enrolmentId: 'e-3', payableMonths: [{ month: '2026-06', amountFen: 8000 }], terminationReason: null },
    ];
    const approved = act(submitted(), { action: 'approve', payabilities: now }, financeZhao);
    expect(approved.dropped).toEqual([
      { enrolmentId: 'e-1', month: '2026-06', reason: 'DIED' },
      { enrolmentId: 'e-2', month: '2026-06', reason: 'AMOUNT_CHANGED' },
    ]);
    expect(payrollTotals(approved.lines)).toEqual({ lines: 2, totalFen: 18000, paidFen: 0, returnedFen: 0, pendingFen: 18000 });
    const batches = batchLines(
      approved.lines.filter((line) => line.status === 'DRAFT'),
      10,
    );
    expect(batches.flatMap((batch) => batch.lines.map((line) => `${line.enrolmentId}:${line.month}`))).toEqual(['e-1:2026-05', 'e-3:2026-06']);
  });

  it('drops a suspended month and a line whose enrolment is not found', () => {
    const now: EnrolmentPayability[] = [{ enrolmentId: 'e-1', payableMonths: [{ month: '2026-05', amountFen: 10000 }], terminationReason: null }];
    const approved = act(submitted(), { action: 'approve', payabilities: now }, financeZhao);
    expect(approved.dropped.map((line) => `${line.enrolmentId}:${line.month}:${line.reason}`)).toEqual(['e-1:2026-06:NOT_PAYABLE', 'e-2:2026-06:ENROLMENT_UNKNOWN', 'e-3:2026-06:ENROLMENT_UNKNOWN']);
  });
});

describe('disbursing and reconciling', () => {
  function disbursing(): PayrollState {
    return act(submitted(), { action: 'approve', payabilities: allOwed }, financeZhao);
  }

  it('runs through batches and result files to a reconciled payroll', () => {
    let state = disbursing();
    const batches = batchLines(
      state.lines.filter((line) => line.status === 'DRAFT'),
      3,
    );
    expect(batches.map((batch) => batch.lines.length)).toEqual([3, 1]);
    for (const batch of batches) {
      state = act(state, { action: 'send-batch', batchNo: batch.batchNo, keys: batch.lines.map((line) => `NURSING_SUBSIDY:${line.enrolmentId}:${line.month}`) }, system);
    }
    expect(payrollTotals(state.lines).pendingFen).toBe(36000);
    state = act(state, {
      action: 'record-results',
      file: {
        batchNo: 1,
        results: [
          { key: 'NURSING_SUBSIDY:e-1:2026-05', status: 'PAID', amountFen: 10000, reason: null, bankReference: 'B-1' },
          { key: 'NURSING_SUBSIDY:e-1:2026-06', status: 'PAID', amountFen: 10000, reason: null, bankReference: 'B-2' },
          { key: 'NURSING_SUBSIDY:e-2:2026-06', status: 'RETURNED', amountFen: 8000, reason: '账户已销户', bankReference: 'B-3' },
        ],
      },
    }, system);
    expect(payrollTotals(state.lines)).toEqual({ lines: 4, totalFen: 36000, paidFen: 20000, returnedFen: 8000, pendingFen: 8000 });
    const early = refusalOf(decidePayroll(state, { action: 'reconcile', bankRecords: [] }, system, JUNE_TENTH));
    expect(early?.detail).toContain('LINE_PENDING NURSING_SUBSIDY:e-3:2026-06');

    state = act(state, { action: 'record-results', file: { batchNo: 2, results: [{ key: 'NURSING_SUBSIDY:e-3:2026-06', status: 'PAID', amountFen: 8000, reason: null, bankReference: 'B-4' }] } }, system);
    expect(state.paidFen).toBe(28000);
    const books: BankRecord[] = [
      { key: 'NURSING_SUBSIDY:e-1:2026-05', status: 'PAID', amountFen: 10000 },
      { key: 'NURSING_SUBSIDY:e-1:2026-06', status: 'PAID', amountFen: 10000 },
      { key: 'NURSING_SUBSIDY:e-2:2026-06', status: 'RETURNED', amountFen: 8000 },
      { key: 'NURSING_SUBSIDY:e-3:2026-06', status: 'PAID', amountFen: 8000 },
    ];
    const reconciled = act(state, { action: 'reconcile', bankRecords: books }, system);
    expect(reconciled.stage).toBe('RECONCILED');
  });

  it('refuses a result file for a line never sent, for another amount, or changing an answer', () => {
    let state = disbursing();
    state = act(state, { action: 'send-batch', batchNo: 1, keys: ['NURSING_SUBSIDY:e-1:2026-05'] }, system);
    const file = (result: object) => ({ action: 'record-results' as const, file: { batchNo: 1, results: [{ key: 'NURSING_SUBSIDY:e-1:2026-05', status: 'PAID' as const, amountFen: 10000, reason: null, bankReference: null, ...result }] } });
    expect(refusalOf(decidePayroll(state, file({ key: 'NURSING_SUBSIDY:e-2:2026-06' }), system, JUNE_TENTH))?.detail).toContain('not sent');
    expect(refusalOf(decidePayroll(state, file({ amountFen: 9999 }), system, JUNE_TENTH))?.detail).toContain('9999');
    expect(refusalOf(decidePayroll(state, file({ status: 'RETURNED', reason: null }), system, JUNE_TENTH))?.detail).toContain('without a reason');
    state = act(state, file({}), system);
    expect(decidePayroll(state, file({}), system, JUNE_TENTH).kind).toBe('replay');
    expect(refusalOf(decidePayroll(state, file({ status: 'RETURNED', reason: '销户' }), system, JUNE_TENTH))?.detail).toContain('already PAID');
  });

  it('lists every way the bank’s books differ from the payroll', () => {
    const records = [
      { key: 'K:a:2026-01', enrolmentId: 'a', personId: 'p', month: '2026-01', amountFen: 100, status: 'PAID' as const, reason: null, bankReference: null },
      { key: 'K:b:2026-01', enrolmentId: 'b', personId: 'p', month: '2026-01', amountFen: 200, status: 'PAID' as const, reason: null, bankReference: null },
      { key: 'K:c:2026-01', enrolmentId: 'c', personId: 'p', month: '2026-01', amountFen: 300, status: 'RETURNED' as const, reason: 'x', bankReference: null },
    ];
    const books: BankRecord[] = [
      { key: 'K:a:2026-01', status: 'PAID', amountFen: 150 },
      { key: 'K:c:2026-01', status: 'PAID', amountFen: 300 },
    ];
    expect(reconciliationDiscrepancies(records, 300, books)).toEqual([
      { kind: 'AMOUNT_DIFFERS', key: 'K:a:2026-01', lineFen: 100, bankFen: 150 },
      { kind: 'PAID_NOT_RECORDED', key: 'K:b:2026-01', amountFen: 200 },
      { kind: 'RECORDED_NOT_PAID', key: 'K:c:2026-01', amountFen: 300 },
      { kind: 'TOTALS_DIFFER', statedPaidFen: 300, paidLinesFen: 300, bankPaidFen: 450 },
    ]);
    expect(reconciliationDiscrepancies(records.slice(0, 2), 250, [{ key: 'K:a:2026-01', status: 'PAID', amountFen: 100 }, { key: 'K:b:2026-01', status: 'PAID', amountFen: 200 }])).toEqual([
      { kind: 'TOTALS_DIFFER', statedPaidFen: 250, paidLinesFen: 300, bankPaidFen: 300 },
    ]);
  });
});
