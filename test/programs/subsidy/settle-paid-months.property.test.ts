/**
 * Months a payroll held when a death was reported are paid later, batch by batch: whatever the
 * order in which the bank's answers come (some months paid before the death was reported, the rest
 * in later batches), the recovery ends at exactly the months paid after the month of the death,
 * each counted once, and a check repeated on the same ledger finds nothing new. The oracle below
 * is a plain filter and sum over the months, with the nursing subsidy's grade-1 amounts written
 * out (10000 fen a month before July 2026, 11000 from July).
 */
import fc from 'fast-check';
import type { SubsidyActor } from '../../../programs/subsidy/domain/actor';
import { decide } from '../../../programs/subsidy/domain/enrolment-commands';
import { evolve, type EnrolmentState } from '../../../programs/subsidy/domain/enrolment-state';
import type { EnrolmentEvent, NewEnrolmentEvent } from '../../../programs/subsidy/domain/events';
import { defaultSubsidyPolicy, severelyDisabledOnDibao } from './fixtures';

const policy = defaultSubsidyPolicy();
const officer: SubsidyActor = { role: 'officer', sub: 'officer-li' };
const civil: SubsidyActor = { role: 'civil', sub: 'civil-zhao' };
const system: SubsidyActor = { role: 'system', sub: 'workflow' };

const MONTHS = ['2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
const AMOUNT_FEN: Record<string, number> = { '2026-03': 10000, '2026-04': 10000, '2026-05': 10000, '2026-06': 10000, '2026-07': 11000, '2026-08': 11000, '2026-09': 11000, '2026-10': 11000 };

function fold(state: EnrolmentState | undefined, events: readonly NewEnrolmentEvent[]): EnrolmentState {
  return events.reduce<EnrolmentState | undefined>((current, event) => evolve(current, { ...event, seq: (current?.seq ?? 0) + 1 } as EnrolmentEvent), state)!;
}

/** Applied on 2 March 2026, granted and active from March. */
function activeEnrolment(): EnrolmentState {
  const application = { enrolmentId: 'e-1', program: 'NURSING_SUBSIDY' as const, personId: 'p-1', appliedOn: '2026-03-02', bankAccount: { bank: 'b', accountNo: '1234' } };
  let state: EnrolmentState | undefined;
  const steps: [Parameters<typeof decide>[1], SubsidyActor, string][] = [
    [{ action: 'apply', input: application, person: severelyDisabledOnDibao }, officer, '2026-03-02T00:00:00Z'],
    [{ action: 'town-review', input: { approved: true, reviewedBy: 'Ma' } }, officer, '2026-03-05T00:00:00Z'],
    [{ action: 'cdpf-review', input: { approved: true, reviewedBy: 'Ding' } }, officer, '2026-03-10T00:00:00Z'],
    [{ action: 'decision', input: { approved: true } }, civil, '2026-03-20T00:00:00Z'],
    [{ action: 'activate' }, system, '2026-03-28T00:00:00Z'],
  ];
  for (const [command, actor, at] of steps) {
    const decision = decide(state, command, actor, policy, at);
    if (decision.kind !== 'apply') throw new Error(`${command.action} was not applied`);
    state = fold(state, decision.events);
  }
  return state!;
}

const ledgerUpTo = (answeredIn: Record<string, number>, round: number) =>
  MONTHS.filter((month) => answeredIn[month]! <= round).map((month) => ({ month, amountFen: AMOUNT_FEN[month]! }));

describe('settling the months a payroll held after a death', () => {
  it('recovers exactly the months paid after the month of the death, whatever the order of the batches', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MONTHS),
        // For each month, the round in which the bank paid it: 0 before the death was reported, 1 to 3 after.
        fc.tuple(...MONTHS.map(() => fc.integer({ min: 0, max: 3 }))),
        (diedIn, rounds) => {
          const answeredIn = Object.fromEntries(MONTHS.map((month, i) => [month, rounds[i]!]));
          let state = activeEnrolment();
          const died = decide(state, { action: 'life-event', input: { eventId: 'died', type: 'DIED', on: `${diedIn}-15` }, paidMonths: ledgerUpTo(answeredIn, 0) }, officer, policy, '2026-11-02T00:00:00Z');
          if (died.kind !== 'apply') throw new Error('the death was not applied');
          state = fold(state, died.events);
          expect(state.stage).toBe('TERMINATED');
          for (let round = 1; round <= 3; round++) {
            const paidMonths = ledgerUpTo(answeredIn, round);
            const settled = decide(state, { action: 'settle-paid-months', paidMonths }, system, policy, `2026-11-0${2 + round}T00:00:00Z`);
            if (settled.kind !== 'apply') throw new Error(`settle-paid-months: ${JSON.stringify(settled)}`);
            state = fold(state, settled.events);
            // The same ledger checked again: nothing new.
            expect(decide(state, { action: 'settle-paid-months', paidMonths }, system, policy, '2026-11-09T00:00:00Z')).toEqual({ kind: 'apply', events: [] });
          }
          const expectedFen = MONTHS.filter((month) => month > diedIn).reduce((sum, month) => sum + AMOUNT_FEN[month]!, 0);
          expect(state.recovery?.owedFen ?? 0).toBe(expectedFen);
          for (const month of MONTHS) expect(state.overpaidMonths[month] ?? 0).toBe(month > diedIn ? AMOUNT_FEN[month] : 0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is for an enrolment that has ended, and only the system takes it', () => {
    const active = activeEnrolment();
    const paidMonths = [{ month: '2026-03', amountFen: 10000 }];
    expect(decide(active, { action: 'settle-paid-months', paidMonths }, system, policy, '2026-11-02T00:00:00Z')).toMatchObject({ kind: 'refuse', refusal: { kind: 'stage-conflict', currentStage: 'ACTIVE' } });
    expect(decide(active, { action: 'settle-paid-months', paidMonths }, civil, policy, '2026-11-02T00:00:00Z')).toMatchObject({ kind: 'refuse', refusal: { kind: 'forbidden' } });
  });
});
