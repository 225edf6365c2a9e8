import { bankKey, parseBankKey, payrollLines, takeLines, type PayrollMonthRow } from '../../../../programs/subsidy/domain/payroll';

const nursing = (enrolmentId: string, month: string, amountFen: number, status: PayrollMonthRow['status'], extra: Partial<PayrollMonthRow> = {}): PayrollMonthRow => ({
  enrolmentId,
  personId: `person-${enrolmentId}`,
  program: 'NURSING_SUBSIDY',
  month,
  amountFen,
  status,
  ...extra,
});

describe("a payroll's lines", () => {
  it('takes every payable month up to the period, arrears included, and nothing after it', () => {
    const rows = [
      nursing('e-1', '2026-03', 10000, 'PAYABLE'),
      nursing('e-1', '2026-04', 10000, 'PAYABLE'),
      nursing('e-1', '2026-05', 10000, 'PAYABLE'),
      nursing('e-1', '2026-06', 10000, 'PAYABLE'),
      nursing('e-2', '2026-05', 8000, 'PAYABLE'),
    ];
    const lines = payrollLines(rows, 'NURSING_SUBSIDY', '2026-05');
    expect(lines).toEqual([
      { enrolmentId: 'e-1', personId: 'person-e-1', month: '2026-03', amountFen: 10000 },
      { enrolmentId: 'e-1', personId: 'person-e-1', month: '2026-04', amountFen: 10000 },
      { enrolmentId: 'e-1', personId: 'person-e-1', month: '2026-05', amountFen: 10000 },
      { enrolmentId: 'e-2', personId: 'person-e-2', month: '2026-05', amountFen: 8000 },
    ]);
    expect(lines.reduce((sum, line) => sum + line.amountFen, 0)).toBe(38000);
  });

  it('leaves out suspended, paid and already taken months, and the other program', () => {
    const rows = [
      nursing('e-1', '2026-03', 10000, 'PAID'),
      nursing('e-1', '2026-04', 10000, 'IN_PAYROLL'),
      nursing('e-1', '2026-05', 10000, 'SUSPENDED'),
      nursing('e-2', '2026-05', 12000, 'PAYABLE', { program: 'LIVING_SUBSIDY' }),
    ];
    expect(payrollLines(rows, 'NURSING_SUBSIDY', '2026-05')).toEqual([]);
  });

  it('takes a returned month again only once the account was corrected', () => {
    const rows = [nursing('e-1', '2026-04', 10000, 'RETURNED'), nursing('e-2', '2026-04', 8000, 'RETURNED', { accountCorrected: true })];
    expect(payrollLines(rows, 'NURSING_SUBSIDY', '2026-05')).toEqual([{ enrolmentId: 'e-2', personId: 'person-e-2', month: '2026-04', amountFen: 8000 }]);
  });

  it('pays a month listed twice once, and not at all when either row says a payroll has it', () => {
    const rows = [nursing('e-1', '2026-04', 10000, 'PAYABLE'), nursing('e-1', '2026-04', 10000, 'PAYABLE'), nursing('e-2', '2026-04', 8000, 'PAYABLE'), nursing('e-2', '2026-04', 8000, 'PAID')];
    expect(payrollLines(rows, 'NURSING_SUBSIDY', '2026-05')).toEqual([{ enrolmentId: 'e-1', personId: 'person-e-1', month: '2026-04', amountFen: 10000 }]);
  });

  it('gives the next payroll nothing the first one took', () => {
    const rows = [nursing('e-1', '2026-04', 10000, 'PAYABLE'), nursing('e-1', '2026-05', 10000, 'PAYABLE')];
    const may = payrollLines(rows, 'NURSING_SUBSIDY', '2026-05');
    const after = takeLines(rows, 'NURSING_SUBSIDY', may);
    expect(after.map((row) => row.status)).toEqual(['IN_PAYROLL', 'IN_PAYROLL']);
    expect(payrollLines(after, 'NURSING_SUBSIDY', '2026-06')).toEqual([]);
  });
});

describe('the bank key', () => {
  it('is program, enrolment and month, and reads back', () => {
    expect(bankKey({ program: 'LIVING_SUBSIDY', enrolmentId: 'e-7', month: '2026-05' })).toBe('LIVING_SUBSIDY:e-7:2026-05');
    expect(parseBankKey('LIVING_SUBSIDY:e-7:2026-05')).toEqual({ program: 'LIVING_SUBSIDY', enrolmentId: 'e-7', month: '2026-05' });
  });

  it('keeps an enrolment id with colons whole', () => {
    expect(parseBankKey('NURSING_SUBSIDY:a:b:2026-05')).toEqual({ program: 'NURSING_SUBSIDY', enrolmentId: 'a:b', month: '2026-05' });
  });

  it('refuses what is not a key', () => {
    for (const text of ['', 'NURSING_SUBSIDY', 'NURSING_SUBSIDY::2026-05', 'SURGERY:e-1:2026-05', 'NURSING_SUBSIDY:e-1:2026-13', 'NURSING_SUBSIDY:e-1']) {
      expect(parseBankKey(text)).toBeUndefined();
    }
  });
});
