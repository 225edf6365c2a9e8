/** The surgery rule for life events: withdrawn before discharge on a death or a move, recorded otherwise, once per eventId. */
import { decideLifeEvent } from '../../programs/surgery/domain/case-life-events';
import { decide, type CaseCommand } from '../../programs/surgery/domain/case-commands';
import { evolve, type CaseState } from '../../programs/surgery/domain/case-state';
import type { CaseEvent, NewCaseEvent } from '../../programs/surgery/domain/events';
import type { CaseLifeEventInput } from '../../domain/life-events';
import type { Stage } from '../../programs/surgery/domain/stages';
import { admissionOk, dischargeOk, screeningOk, surgeryOk, workedExampleCase } from '../fixtures/cases';

const at = '2026-11-28T10:00:00.000Z';
const officer = { role: 'officer' as const, sub: 'officer-li' };
const hospital = { role: 'hospital' as const, sub: 'clerk', hospitalId: 'wuwei-hand-foot' };

function fold(state: CaseState | undefined, event: NewCaseEvent): CaseState {
  return evolve(state, { ...event, seq: (state?.seq ?? 0) + 1 } as CaseEvent);
}

function applied(state: CaseState, decision: ReturnType<typeof decide>): CaseState {
  if (decision.kind !== 'apply') throw new Error(`expected apply, got ${JSON.stringify(decision)}`);
  return fold(state, decision.event);
}

/** A case brought to `stage` through the real commands. */
function caseIn(stage: Stage): CaseState {
  const steps: CaseCommand[] = [
    { action: 'screening', input: screeningOk },
    { action: 'admission', input: admissionOk },
    { action: 'surgery', input: surgeryOk },
    { action: 'discharge', input: dischargeOk },
  ];
  const order: Stage[] = ['SCREENING', 'AWAITING_ADMISSION', 'AWAITING_SURGERY', 'REHABILITATION', 'REIMBURSING'];
  let state = fold(undefined, { type: 'CaseOpened', occurredAt: at, actor: officer, data: { caseId: 'c-1', input: workedExampleCase(), hospitalLevel: 'TERTIARY_A' } });
  for (const command of steps.slice(0, order.indexOf(stage))) {
    state = applied(state, decide(state, command, command.action === 'screening' ? officer : hospital, at));
  }
  return state;
}

const died: CaseLifeEventInput = { eventId: 'LE-1', type: 'DIED', on: '2026-11-25' };

test.each(['SCREENING', 'AWAITING_ADMISSION', 'AWAITING_SURGERY', 'REHABILITATION'] as const)('a death in %s withdraws the case with that reason', (stage) => {
  const state = caseIn(stage);
  expect(state.stage).toBe(stage);
  const after = applied(state, decideLifeEvent(state, died, officer, at));
  expect(after).toMatchObject({ stage: 'WITHDRAWN', withdrawal: { reason: 'DIED', withdrawnAt: at, withdrawnBy: 'officer-li' } });
  expect(decideLifeEvent(after, died, officer, at)).toEqual({ kind: 'replay' });
});

test('after discharge a move out is recorded and the cascade goes on', () => {
  const state = caseIn('REIMBURSING');
  const decision = decideLifeEvent(state, { ...died, type: 'MOVED_OUT' }, officer, at);
  expect(decision).toMatchObject({ kind: 'apply', event: { type: 'LifeEventRecorded', data: { type: 'MOVED_OUT', withdrawn: false } } });
  expect(applied(state, decision).stage).toBe('REIMBURSING');
});

test('a change of category is recorded and changes nothing; the same eventId with another body is a conflict', () => {
  const state = caseIn('SCREENING');
  const change: CaseLifeEventInput = { eventId: 'LE-2', type: 'ASSISTANCE_CHANGED', on: '2026-11-25', assistanceCategory: 'NONE' };
  const after = applied(state, decideLifeEvent(state, change, officer, at));
  expect(after).toMatchObject({ stage: 'SCREENING', assistanceCategory: state.assistanceCategory });
  expect(decideLifeEvent(after, change, officer, at)).toEqual({ kind: 'replay' });
  expect(decideLifeEvent(after, { ...change, assistanceCategory: 'TEKUN' }, officer, at)).toMatchObject({ kind: 'refuse', refusal: { kind: 'idempotency-conflict' } });
});

test('a closed case refuses a new event by its stage', () => {
  const state = applied(caseIn('SCREENING'), decideLifeEvent(caseIn('SCREENING'), died, officer, at));
  expect(decideLifeEvent(state, { ...died, eventId: 'LE-3' }, officer, at)).toMatchObject({ kind: 'refuse', refusal: { kind: 'stage-conflict', currentStage: 'WITHDRAWN' } });
});
