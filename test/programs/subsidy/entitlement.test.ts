/**
 * Entitled months and their amounts. Every expected figure is written out by hand from the default
 * policy (grade 1: 10000 fen, from 2026-07 11000; grade 2: 8000, then 9000; living: 12000, then
 * 13000), never computed by the code under test.
 */
import { entitledMonths, payableMonths, type EntitlementFacts } from '../../../programs/subsidy/domain/entitlement';
import { findOverpayment } from '../../../programs/subsidy/domain/overpayment';
import { defaultSubsidyPolicy } from './fixtures';

const policy = defaultSubsidyPolicy();

function nursing(overrides: Partial<EntitlementFacts> = {}): EntitlementFacts {
  return { program: 'NURSING_SUBSIDY', appliedOn: '2026-03-02', initialGrade: 1, gradeChanges: [], suspensions: [], termination: null, ...overrides };
}

describe('entitled months', () => {
  it('an application in March, active in May: March, April and May are owed', () => {
    expect(entitledMonths(nursing(), policy, '2026-05')).toEqual([
      { month: '2026-03', amountFen: 10000, status: 'PAYABLE' },
      { month: '2026-04', amountFen: 10000, status: 'PAYABLE' },
      { month: '2026-05', amountFen: 10000, status: 'PAYABLE' },
    ]);
  });

  it('the standard that changes in 2026-07 pays the new amount from that month', () => {
    const living = entitledMonths({ ...nursing(), program: 'LIVING_SUBSIDY', appliedOn: '2026-05-20' }, policy, '2026-08');
    expect(living.map((m) => [m.month, m.amountFen])).toEqual([
      ['2026-05', 12000],
      ['2026-06', 12000],
      ['2026-07', 13000],
      ['2026-08', 13000],
    ]);
  });

  it('a grade change from 1 to 2 in July pays grade 2 from August', () => {
    const months = entitledMonths(nursing({ appliedOn: '2026-05-10', gradeChanges: [{ on: '2026-07-09', grade: 2 }] }), policy, '2026-09');
    expect(months.map((m) => [m.month, m.amountFen])).toEqual([
      ['2026-05', 10000],
      ['2026-06', 10000],
      ['2026-07', 11000],
      ['2026-08', 9000],
      ['2026-09', 9000],
    ]);
  });

  it('a death on 17 June: June is owed, July is not', () => {
    const months = entitledMonths(nursing({ termination: { on: '2026-06-17' } }), policy, '2026-09');
    expect(months.map((m) => m.month)).toEqual(['2026-03', '2026-04', '2026-05', '2026-06']);
  });

  it('with June and July paid, a death on 17 June overpays exactly July', () => {
    const entitled = entitledMonths(nursing({ termination: { on: '2026-06-17' } }), policy, '2026-07');
    const paid = [
      { month: '2026-06', amountFen: 10000 },
      { month: '2026-07', amountFen: 11000 },
    ];
    expect(findOverpayment(paid, entitled)).toEqual({ months: [{ month: '2026-07', paidFen: 11000, owedFen: 0, overpaidFen: 11000 }], totalFen: 11000 });
  });

  it('a suspension holds its months until a reinstatement with back pay releases them', () => {
    const suspended = nursing({ suspensions: [{ fromMonth: '2026-04', reinstatedIn: '2026-06', backPay: false }] });
    expect(entitledMonths(suspended, policy, '2026-06').map((m) => [m.month, m.status])).toEqual([
      ['2026-03', 'PAYABLE'],
      ['2026-04', 'SUSPENDED'],
      ['2026-05', 'SUSPENDED'],
      ['2026-06', 'PAYABLE'],
    ]);
    const backPaid = nursing({ suspensions: [{ fromMonth: '2026-04', reinstatedIn: '2026-06', backPay: true }] });
    expect(payableMonths(entitledMonths(backPaid, policy, '2026-06')).map((m) => m.month)).toEqual(['2026-03', '2026-04', '2026-05', '2026-06']);
    const still = nursing({ suspensions: [{ fromMonth: '2026-04', reinstatedIn: null, backPay: false }] });
    expect(payableMonths(entitledMonths(still, policy, '2026-08')).map((m) => m.month)).toEqual(['2026-03']);
  });

  it('a late grade change overpays the difference only', () => {
    const entitled = entitledMonths(nursing({ gradeChanges: [{ on: '2026-03-20', grade: 2 }] }), policy, '2026-05');
    const paid = [
      { month: '2026-03', amountFen: 10000 },
      { month: '2026-04', amountFen: 10000 },
      { month: '2026-05', amountFen: 10000 },
    ];
    expect(findOverpayment(paid, entitled)).toEqual({
      months: [
        { month: '2026-04', paidFen: 10000, owedFen: 8000, overpaidFen: 2000 },
        { month: '2026-05', paidFen: 10000, owedFen: 8000, overpaidFen: 2000 },
      ],
      totalFen: 4000,
    });
  });

  it('a month before the first standard is owed nothing', () => {
    expect(entitledMonths(nursing({ appliedOn: '2024-11-30' }), policy, '2025-02').map((m) => m.month)).toEqual(['2025-01', '2025-02']);
  });
});
