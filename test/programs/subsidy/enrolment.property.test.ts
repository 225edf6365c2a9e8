/**
 * Properties of the enrolment over random sequences of actions: the projection's replay equals the
 * workflow's fold, repeating any applied action changes nothing, and a recovery never goes below
 * zero however repayments and waivers come.
 */
import fc from 'fast-check';
import type { SubsidyActor } from '../../../programs/subsidy/domain/actor';
import { decide, type EnrolmentCommand } from '../../../programs/subsidy/domain/enrolment-commands';
import { evolve, replayEnrolmentEvents, type EnrolmentState } from '../../../programs/subsidy/domain/enrolment-state';
import type { EnrolmentEvent } from '../../../programs/subsidy/domain/events';
import { defaultSubsidyPolicy, severelyDisabledOnDibao } from './fixtures';

const policy = defaultSubsidyPolicy();
const actors: Record<string, SubsidyActor> = {
  officer: { role: 'officer', sub: 'officer-li' },
  civil: { role: 'civil', sub: 'civil-zhao' },
  admin: { role: 'admin', sub: 'admin-wang' },
  system: { role: 'system', sub: 'workflow' },
};

const steps: fc.Arbitrary<{ command: EnrolmentCommand; actor: string }> = fc.oneof(
  fc.record({ command: fc.constant<EnrolmentCommand>({ action: 'town-review', input: { approved: true, reviewedBy: 'Ma' } }), actor: fc.constant('officer') }),
  fc.record({ command: fc.constant<EnrolmentCommand>({ action: 'cdpf-review', input: { approved: true, reviewedBy: 'Ding' } }), actor: fc.constant('officer') }),
  fc.record({ command: fc.constant<EnrolmentCommand>({ action: 'decision', input: { approved: true } }), actor: fc.constantFrom('civil', 'admin') }),
  fc.record({ command: fc.constant<EnrolmentCommand>({ action: 'objection', input: { reason: 'objection' } }), actor: fc.constant('officer') }),
  fc.record({ command: fc.constant<EnrolmentCommand>({ action: 'activate' }), actor: fc.constant('system') }),
  fc.record({
    command: fc.constantFrom('2026-04', '2026-06', '2026-09').map<EnrolmentCommand>((fromMonth) => ({ action: 'suspend', input: { fromMonth, reason: 'check' } })),
    actor: fc.constant('civil'),
  }),
  fc.record({ command: fc.boolean().map<EnrolmentCommand>((backPay) => ({ action: 'reinstate', input: { backPay } })), actor: fc.constant('civil') }),
  fc.record({
    command: fc
      .tuple(fc.constantFrom('2026-05-17', '2026-07-03', '2026-08-20'), fc.constantFrom('a', 'b'))
      .map<EnrolmentCommand>(([on, id]) => ({
        action: 'life-event',
        input: { eventId: `died-${id}`, type: 'DIED', on },
        paidMonths: [
          { month: '2026-06', amountFen: 10000 },
          { month: '2026-07', amountFen: 11000 },
          { month: '2026-08', amountFen: 11000 },
        ],
      })),
    actor: fc.constant('officer'),
  }),
  fc.record({
    command: fc.tuple(fc.integer({ min: 1, max: 40000 }), fc.integer({ min: 1, max: 5 })).map<EnrolmentCommand>(([amountFen, n]) => ({ action: 'repayment', input: { amountFen, reference: `R-${n}` } })),
    actor: fc.constant('civil'),
  }),
  fc.record({ command: fc.constant<EnrolmentCommand>({ action: 'waive', input: { reason: 'no means' } }), actor: fc.constant('admin') }),
);

const toActive: [{ command: EnrolmentCommand; actor: string }, boolean][] = [
  [{ command: { action: 'town-review', input: { approved: true, reviewedBy: 'Ma' } }, actor: 'officer' }, false],
  [{ command: { action: 'cdpf-review', input: { approved: true, reviewedBy: 'Ding' } }, actor: 'officer' }, false],
  [{ command: { action: 'decision', input: { approved: true } }, actor: 'civil' }, false],
  [{ command: { action: 'activate' }, actor: 'system' }, false],
];

describe('an enrolment, over random sequences of actions', () => {
  it('replays to the same state, repeats nothing, and never recovers more than is owed', () => {
    let reachedRecovery = 0;
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.tuple(steps, fc.boolean()), { maxLength: 30 }), (startActive, randomSteps) => {
        const history: EnrolmentEvent[] = [];
        const fold = (state: EnrolmentState | undefined, events: readonly Omit<EnrolmentEvent, 'seq'>[]) =>
          events.reduce<EnrolmentState | undefined>((current, event) => {
            const stored = { ...event, seq: (current?.seq ?? 0) + 1 } as EnrolmentEvent;
            history.push(stored);
            return evolve(current, stored);
          }, state)!;
        const application = { enrolmentId: 'e-1', program: 'NURSING_SUBSIDY' as const, personId: 'p-1', appliedOn: '2026-03-02', bankAccount: { bank: 'b', accountNo: '1234' } };
        const opened = decide(undefined, { action: 'apply', input: application, person: severelyDisabledOnDibao }, actors.officer!, policy, '2026-03-02T00:00:00Z');
        if (opened.kind !== 'apply') throw new Error('the application was refused');
        let state = fold(undefined, opened.events);
        // Half the runs start from an active enrolment, so that life events and recoveries are reached often.
        const sequence: [{ command: EnrolmentCommand; actor: string }, boolean][] = [...(startActive ? toActive : []), ...randomSteps];
        sequence.forEach(([{ command, actor }, repeat], i) => {
          const now = new Date(Date.UTC(2026, 3, 1) + i * 86_400_000).toISOString();
          const decision = decide(state, command, actors[actor]!, policy, now);
          if (decision.kind !== 'apply') return;
          state = fold(state, decision.events);
          if (repeat) expect(decide(state, command, actors[actor]!, policy, now)).toEqual({ kind: 'replay' });
          const recovery = state.recovery;
          if (recovery) {
            expect(recovery.recoveredFen + recovery.waivedFen).toBeLessThanOrEqual(recovery.owedFen);
            expect(recovery.status === 'CLOSED').toBe(recovery.recoveredFen + recovery.waivedFen === recovery.owedFen);
          }
        });
        expect(replayEnrolmentEvents(history)).toEqual(state);
        if (state.recovery) reachedRecovery += 1;
      }),
      { numRuns: 300 },
    );
    // The property means little unless recoveries were reached; a few dozen of 300 runs at least.
    expect(reachedRecovery).toBeGreaterThan(30);
  });
});
