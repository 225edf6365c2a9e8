/**
 * What a life event did to an enrolment, read back from its stored events, is what the workflow
 * answered when it applied the event: the stage before, the stage after and the overpayment found.
 * A repeat of the event is answered from the record once the enrolment is closed, so the two must
 * never differ, whatever the event, its day, the months paid and what happened afterwards.
 */
import fc from 'fast-check';
import { decide, type EnrolmentCommand } from '../../../programs/subsidy/domain/enrolment-commands';
import { lifeEventEffectOnRecord } from '../../../programs/subsidy/domain/enrolment-life-events';
import { replayEnrolmentEvents, type EnrolmentState } from '../../../programs/subsidy/domain/enrolment-state';
import type { EnrolmentEvent } from '../../../programs/subsidy/domain/events';
import type { SubsidyActor } from '../../../programs/subsidy/domain/actor';
import type { CaseLifeEventInput } from '../../../domain/life-events';
import { defaultSubsidyPolicy, severelyDisabledOnDibao } from './fixtures';

const policy = defaultSubsidyPolicy();
const officer: SubsidyActor = { role: 'officer', sub: 'officer-li' };
const civil: SubsidyActor = { role: 'civil', sub: 'civil-zhao' };
const system: SubsidyActor = { role: 'system', sub: 'workflow' };
const MONTHS = ['2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];

class History {
  events: EnrolmentEvent[] = [];
  state: EnrolmentState | undefined;

  /** Applies the command as the workflow does; answers the events it recorded. */
  apply(command: EnrolmentCommand, actor: SubsidyActor, now: string): EnrolmentEvent[] {
    const decision = decide(this.state, command, actor, policy, now);
    if (decision.kind !== 'apply') return [];
    const numbered = decision.events.map((event, i) => ({ ...event, seq: this.events.length + i + 1 }) as EnrolmentEvent);
    this.events = [...this.events, ...numbered];
    this.state = replayEnrolmentEvents(this.events);
    return numbered;
  }
}

/** An enrolment applied in March 2026, ACTIVE from 13 May, or still in town review. */
function enrolment(active: boolean): History {
  const history = new History();
  const application = { enrolmentId: 'enr-1', program: 'NURSING_SUBSIDY' as const, personId: 'person-1', appliedOn: '2026-03-02', bankAccount: { bank: '农村信用社', accountNo: '6228480000000001234' } };
  history.apply({ action: 'apply', input: application, person: severelyDisabledOnDibao }, officer, '2026-03-02T02:00:00.000Z');
  if (!active) return history;
  history.apply({ action: 'town-review', input: { approved: true, reviewedBy: 'a' } }, officer, '2026-04-01T02:00:00.000Z');
  history.apply({ action: 'cdpf-review', input: { approved: true, reviewedBy: 'b' } }, officer, '2026-04-20T02:00:00.000Z');
  history.apply({ action: 'decision', input: { approved: true } }, civil, '2026-05-08T02:00:00.000Z');
  history.apply({ action: 'activate' }, system, '2026-05-13T02:00:00.000Z');
  return history;
}

const lifeEvent = fc.oneof(
  fc.record({ type: fc.constantFrom('DIED' as const, 'MOVED_OUT' as const) }),
  fc.record({ type: fc.constant('DISABILITY_CHANGED' as const), disability: fc.option(fc.record({ certificateNo: fc.constant('CDPF-1'), category: fc.constant('PHYSICAL' as const), grade: fc.integer({ min: 1, max: 4 }), longTermCare: fc.boolean() }), { nil: null }) }),
  fc.record({ type: fc.constant('ASSISTANCE_CHANGED' as const), assistanceCategory: fc.constantFrom('TEKUN' as const, 'DIBAO' as const, 'NONE' as const) }),
);

test('the effect on record equals the effect answered when the event was applied', () => {
  fc.assert(
    fc.property(
      fc.boolean(),
      lifeEvent,
      fc.integer({ min: 0, max: MONTHS.length - 1 }),
      fc.integer({ min: 0, max: MONTHS.length }),
      fc.boolean(),
      (active, body, dayMonth, paidCount, repaidAfter) => {
        const history = enrolment(active);
        const paid = active ? MONTHS.slice(0, paidCount).map((month) => ({ month, amountFen: month < '2026-07' ? 10_000 : 11_000 })) : [];
        const input = { eventId: 'LE-1', on: `${MONTHS[dayMonth]}-15`, ...body } as CaseLifeEventInput;
        const before = history.state!;
        const recorded = history.apply({ action: 'life-event', input, paidMonths: paid }, officer, '2026-11-03T02:00:00.000Z');
        // What the workflow answers (programs/subsidy/workflow/subsidy-enrolment.ts, the lifeEvent Update).
        const answered = {
          stageBefore: before.stage,
          stageAfter: history.state!.stage,
          overpaymentFen: recorded.reduce((sum, event) => sum + (event.type === 'OverpaymentFound' ? event.data.totalFen : 0), 0),
        };
        // Later events, in the same instant too, are not part of it.
        if (repaidAfter && history.state!.recovery?.status === 'OPEN') {
          history.apply({ action: 'repayment', input: { amountFen: 1, reference: 'RC-1' } }, civil, '2026-11-03T02:00:00.000Z');
        }
        history.apply({ action: 'life-event', input: { eventId: 'LE-2', type: 'MOVED_OUT', on: '2026-11-20' }, paidMonths: paid }, officer, '2026-11-03T02:00:00.000Z');
        expect(lifeEventEffectOnRecord(history.events, 'LE-1')).toEqual(answered);
      },
    ),
    { numRuns: 300 },
  );
  expect(lifeEventEffectOnRecord(enrolment(true).events, 'LE-1')).toBeUndefined();
});

test("a death on 10 October reported after September to November were paid: terminated, November's 11000 fen overpaid", () => {
  const history = enrolment(true);
  const paid = ['2026-09', '2026-10', '2026-11'].map((month) => ({ month, amountFen: 11_000 }));
  history.apply({ action: 'life-event', input: { eventId: 'LE-9', type: 'DIED', on: '2026-10-10' }, paidMonths: paid }, officer, '2026-12-01T02:00:00.000Z');
  expect(lifeEventEffectOnRecord(history.events, 'LE-9')).toEqual({ stageBefore: 'ACTIVE', stageAfter: 'TERMINATED', overpaymentFen: 11_000 });
});
