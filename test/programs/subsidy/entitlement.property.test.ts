/**
 * Properties of the entitlement over random policies and enrolments. The expected values come from
 * a naive oracle written here: months listed with the calendar (Date.UTC), the standard found by
 * filtering the list, the grade by scanning the changes.
 */
import fc from 'fast-check';
import { entitledMonths, payableMonths, type EntitlementFacts, type GradeChange } from '../../../programs/subsidy/domain/entitlement';
import { findOverpayment } from '../../../programs/subsidy/domain/overpayment';
import { parseSubsidyPolicy, type SubsidyPolicy } from '../../../programs/subsidy/domain/policy.schema';
import type { DisabilityGrade } from '../../../programs/subsidy/domain/programs';

// ---- the naive oracle ----

function calendarMonth(year: number, monthIndex: number): string {
  return new Date(Date.UTC(year, monthIndex, 1)).toISOString().slice(0, 7);
}

function naiveMonthAfter(month: string): string {
  return calendarMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
}

function naiveMonthsThrough(from: string, through: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= through; m = naiveMonthAfter(m)) months.push(m);
  return months;
}

function naiveGrade(facts: EntitlementFacts, month: string): DisabilityGrade | null {
  let grade = facts.initialGrade;
  let since = '';
  for (const change of facts.gradeChanges) {
    const effective = naiveMonthAfter(change.on.slice(0, 7));
    if (effective <= month && effective >= since) {
      grade = change.grade;
      since = effective;
    }
  }
  return grade;
}

function naiveAmount(policy: SubsidyPolicy, facts: EntitlementFacts, month: string): number | undefined {
  const standard = policy.standards.filter((s) => s.from <= month).at(-1);
  if (!standard) return undefined;
  if (facts.program === 'LIVING_SUBSIDY') return standard.LIVING_SUBSIDY;
  const grade = naiveGrade(facts, month);
  return grade === null ? undefined : (standard.NURSING_SUBSIDY as Record<string, number | undefined>)[String(grade)];
}

function naiveEntitlement(policy: SubsidyPolicy, facts: EntitlementFacts, through: string): { month: string; amountFen: number }[] {
  const last = facts.termination && facts.termination.on.slice(0, 7) < through ? facts.termination.on.slice(0, 7) : through;
  return naiveMonthsThrough(facts.appliedOn.slice(0, 7), last).flatMap((month) => {
    const amountFen = naiveAmount(policy, facts, month);
    return amountFen === undefined ? [] : [{ month, amountFen }];
  });
}

// ---- generators ----

const monthArb = fc.record({ year: fc.integer({ min: 2024, max: 2029 }), index: fc.integer({ min: 0, max: 11 }) }).map(({ year, index }) => calendarMonth(year, index));
const dayArb = fc.tuple(monthArb, fc.integer({ min: 1, max: 28 })).map(([month, day]) => `${month}-${String(day).padStart(2, '0')}`);
const amountArb = fc.integer({ min: 0, max: 5_000_000 });
const gradeArb = fc.constantFrom<DisabilityGrade>(1, 2, 3, 4);

/** A valid policy: one to four standards on distinct months, sorted, every grade priced. */
const policyArb = fc
  .uniqueArray(monthArb, { minLength: 1, maxLength: 4 })
  .chain((froms) =>
    fc.tuple(...[...froms].sort().map((from) => fc.record({ from: fc.constant(from), NURSING_SUBSIDY: fc.record({ '1': amountArb, '2': amountArb, '3': amountArb, '4': amountArb }), LIVING_SUBSIDY: amountArb }))),
  )
  .map((standards) =>
    parseSubsidyPolicy({
      version: 'random',
      noticeDays: 5,
      standards,
      eligibility: {
        NURSING_SUBSIDY: { grades: [1, 2, 3, 4], requiresLongTermCare: true, excludedCategories: ['TEKUN'] },
        LIVING_SUBSIDY: { grades: [1, 2, 3, 4], requiredCategories: ['DIBAO'], excludedCategories: [] },
      },
    }),
  );

const gradeChangeArb: fc.Arbitrary<GradeChange> = fc.record({ on: dayArb, grade: fc.option(gradeArb, { nil: null }) });

const factsArb: fc.Arbitrary<EntitlementFacts> = fc.record({
  program: fc.constantFrom('NURSING_SUBSIDY' as const, 'LIVING_SUBSIDY' as const),
  appliedOn: dayArb,
  initialGrade: fc.option(gradeArb, { nil: null }),
  gradeChanges: fc.array(gradeChangeArb, { maxLength: 3 }),
  suspensions: fc.constant([]),
  termination: fc.option(fc.record({ on: dayArb }), { nil: null }),
});

const sum = (list: readonly { amountFen: number }[]) => list.reduce((total, entry) => total + entry.amountFen, 0);

describe('entitlement, over random policies and enrolments', () => {
  it('pays, month by month and in total, the standard in force for the grade in force', () => {
    fc.assert(
      fc.property(policyArb, factsArb, monthArb, (policy, facts, through) => {
        const months = entitledMonths(facts, policy, through);
        const expected = naiveEntitlement(policy, facts, through);
        expect(months.map(({ month, amountFen }) => ({ month, amountFen }))).toEqual(expected);
        expect(sum(months)).toBe(sum(expected));
      }),
    );
  });

  it('owes no month after the month a termination takes effect, and none before the application', () => {
    fc.assert(
      fc.property(policyArb, factsArb, dayArb, monthArb, (policy, facts, terminatedOn, through) => {
        const months = entitledMonths({ ...facts, termination: { on: terminatedOn } }, policy, through);
        for (const { month } of months) {
          expect(month <= terminatedOn.slice(0, 7)).toBe(true);
          expect(month >= facts.appliedOn.slice(0, 7)).toBe(true);
          expect(month <= through).toBe(true);
        }
      }),
    );
  });

  it('applies a grade change from the month after its day, never in its own month', () => {
    fc.assert(
      fc.property(policyArb, dayArb, gradeArb, gradeArb, (policy, on, before, after) => {
        const facts: EntitlementFacts = { program: 'NURSING_SUBSIDY', appliedOn: '2024-01-05', initialGrade: before, gradeChanges: [{ on, grade: after }], suspensions: [], termination: null };
        const changeMonth = on.slice(0, 7);
        const following = naiveMonthAfter(changeMonth);
        const byMonth = new Map(entitledMonths(facts, policy, following).map((m) => [m.month, m.amountFen]));
        const priced = (month: string, grade: DisabilityGrade) => (policy.standards.filter((s) => s.from <= month).at(-1)?.NURSING_SUBSIDY as Record<string, number> | undefined)?.[String(grade)];
        expect(byMonth.get(changeMonth)).toBe(priced(changeMonth, before));
        expect(byMonth.get(following)).toBe(priced(following, after));
      }),
    );
  });

  it('pays suspended months only after a reinstatement with back pay', () => {
    const suspensionArb = fc
      .tuple(monthArb, fc.option(fc.integer({ min: 0, max: 24 }), { nil: null }), fc.boolean())
      .map(([fromMonth, length, backPay]) => ({
        fromMonth,
        reinstatedIn: length === null ? null : calendarMonth(Number(fromMonth.slice(0, 4)), Number(fromMonth.slice(5, 7)) - 1 + length),
        backPay: length === null ? false : backPay,
      }));
    fc.assert(
      fc.property(policyArb, factsArb, suspensionArb, monthArb, (policy, facts, suspension, through) => {
        const months = entitledMonths({ ...facts, suspensions: [suspension] }, policy, through);
        const unsuspended = entitledMonths(facts, policy, through);
        expect(months.map((m) => [m.month, m.amountFen])).toEqual(unsuspended.map((m) => [m.month, m.amountFen]));
        for (const { month, status } of months) {
          const inSuspension = month >= suspension.fromMonth && (suspension.reinstatedIn === null || month < suspension.reinstatedIn);
          expect(status).toBe(inSuspension && !suspension.backPay ? 'SUSPENDED' : 'PAYABLE');
        }
        expect(sum(payableMonths(months))).toBe(sum(unsuspended.filter((m) => !(m.month >= suspension.fromMonth && (suspension.reinstatedIn === null || m.month < suspension.reinstatedIn)) || suspension.backPay)));
      }),
    );
  });

  it('finds exactly the paid months after a termination as overpaid, for exactly what was paid', () => {
    fc.assert(
      fc.property(policyArb, factsArb, dayArb, monthArb, (policy, facts, terminatedOn, paidThrough) => {
        const open = { ...facts, termination: null };
        const paid = payableMonths(entitledMonths(open, policy, paidThrough)).map(({ month, amountFen }) => ({ month, amountFen }));
        const after = entitledMonths({ ...open, termination: { on: terminatedOn } }, policy, paidThrough);
        const found = findOverpayment(paid, after);
        const expected = paid.filter((m) => m.month > terminatedOn.slice(0, 7) && m.amountFen > 0);
        expect(found.months.map((m) => [m.month, m.overpaidFen])).toEqual(expected.map((m) => [m.month, m.amountFen]));
        expect(found.totalFen).toBe(sum(expected));
      }),
    );
  });
});
