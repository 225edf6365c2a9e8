import fc from 'fast-check';
import { decide, owedBefore, type CaseCommand } from '../../programs/surgery/domain/case-commands';
import { evolve, snapshotOf, type CaseState } from '../../programs/surgery/domain/case-state';
import type { CaseEvent, NewCaseEvent } from '../../programs/surgery/domain/events';
import { PAYERS, STAGES, type Stage } from '../../programs/surgery/domain/stages';
import { admissionOk, dischargeOk, screeningOk, surgeryOk, workedExampleCase } from '../fixtures/cases';

const at = '2026-11-28T10:00:00.000Z';
const officer = { role: 'officer' as const, sub: 'officer-li' };
const admin = { role: 'admin' as const, sub: 'admin-wang' };
const system = { role: 'system' as const, sub: 'workflow' };

function fold(state: CaseState | undefined, event: NewCaseEvent): CaseState {
  return evolve(state, { ...event, seq: (state?.seq ?? 0) + 1 } as CaseEvent);
}

function opened(): CaseState {
  return fold(undefined, { type: 'CaseOpened', occurredAt: at, actor: officer, data: { caseId: 'c-1', input: workedExampleCase(), hospitalLevel: 'TERTIARY_A' } });
}

function apply(state: CaseState, command: CaseCommand): CaseState {
  const decision = decide(state, command, officer, at);
  if (decision.kind !== 'apply') throw new Error(`expected apply, got ${JSON.stringify(decision)}`);
  return fold(state, decision.event);
}

const commands: Record<string, CaseCommand> = {
  screening: { action: 'screening', input: screeningOk },
  admission: { action: 'admission', input: admissionOk },
  surgery: { action: 'surgery', input: surgeryOk },
  discharge: { action: 'discharge', input: dischargeOk },
  withdraw: { action: 'withdraw', input: { reason: 'changed mind' } },
};

/** A case brought to each stage through the real commands (and the cascade's own events). */
function caseIn(stage: Stage): CaseState {
  let state = opened();
  if (stage === 'SCREENING') return state;
  if (stage === 'INELIGIBLE') return apply(state, { action: 'screening', input: { ...screeningOk, eligible: false, reason: 'no' } });
  if (stage === 'WITHDRAWN') return apply(state, commands.withdraw!);
  state = apply(state, commands.screening!);
  if (stage === 'AWAITING_ADMISSION') return state;
  state = apply(state, commands.admission!);
  if (stage === 'AWAITING_SURGERY') return state;
  state = apply(state, commands.surgery!);
  if (stage === 'REHABILITATION') return state;
  state = apply(state, commands.discharge!);
  if (stage === 'REIMBURSING') return state;
  state = fold(state, { type: 'ReimbursementStarted', occurredAt: at, actor: system, data: { policyVersion: 'v', bill: dischargeOk.bill } });
  for (const payer of PAYERS) {
    state = fold(state, { type: 'ClaimSubmitted', occurredAt: at, actor: system, data: { payer, idempotencyKey: `c-1:${payer}` } });
    state = fold(state, { type: 'ClaimDecided', occurredAt: at, actor: system, data: { payer, status: 'PAID', amountFen: payer === 'PROVINCIAL_CHARITY' ? 12_000_000 : 0, reason: null, reference: null, explanation: 'x', attempts: 1 } });
  }
  return fold(state, { type: 'CaseSettled', occurredAt: at, actor: system, data: { totalFen: 12_000_000, paidFen: 12_000_000, outOfPocketFen: 0 } });
}

const allowed: Record<string, readonly Stage[]> = {
  screening: ['SCREENING'],
  admission: ['AWAITING_ADMISSION'],
  surgery: ['AWAITING_SURGERY'],
  discharge: ['REHABILITATION'],
  withdraw: ['SCREENING', 'AWAITING_ADMISSION', 'AWAITING_SURGERY'],
};

describe.each(Object.keys(commands))('%s', (name) => {
  test.each([...STAGES])(`in %s: applied only where the lifecycle allows, else a stage conflict naming the stage`, (stage) => {
    const state = caseIn(stage);
    if (state.applied[commands[name]!.action as 'screening'] !== undefined) return; // covered by the replay tests
    const decision = decide(state, commands[name]!, officer, at);
    if (allowed[name]!.includes(stage)) expect(decision.kind).toBe('apply');
    else expect(decision).toEqual({ kind: 'refuse', refusal: expect.objectContaining({ kind: 'stage-conflict', currentStage: stage }) });
  });
});

test('an applied action repeated with the same body is a replay at any later stage; with another body, a conflict', () => {
  for (const stage of ['AWAITING_SURGERY', 'REHABILITATION', 'REIMBURSING', 'SETTLED'] as const) {
    const state = caseIn(stage);
    expect(decide(state, commands.admission!, officer, at)).toEqual({ kind: 'replay' });
    expect(decide(state, { action: 'admission', input: { ...admissionOk, admissionNo: 'other' } }, officer, at)).toMatchObject({
      kind: 'refuse',
      refusal: { kind: 'idempotency-conflict' },
    });
  }
  // Key order and an omitted optional member do not make a body different.
  const state = caseIn('AWAITING_SURGERY');
  expect(decide(state, { action: 'admission', input: { depositFen: 0, admissionNo: 'ZY-0001', admittedAt: admissionOk.admittedAt } }, officer, at)).toEqual({ kind: 'replay' });
});

test('the overdue flag is set for the current stage only and clears when the stage changes', () => {
  let state = opened();
  state = fold(state, { type: 'StageOverdue', occurredAt: at, actor: system, data: { stage: 'SCREENING', slaMs: 1 } });
  expect(state.overdue).toBe(true);
  state = apply(state, commands.screening!);
  expect(state.overdue).toBe(false);
  state = fold(state, { type: 'StageOverdue', occurredAt: at, actor: system, data: { stage: 'SCREENING', slaMs: 1 } });
  expect(state.overdue).toBe(false);
});

describe('manual resolution', () => {
  function waitingOn(payerIndex: number): CaseState {
    let state = caseIn('REIMBURSING');
    state = fold(state, { type: 'ReimbursementStarted', occurredAt: at, actor: system, data: { policyVersion: 'v', bill: dischargeOk.bill } });
    for (const payer of PAYERS.slice(0, payerIndex)) {
      state = fold(state, { type: 'ClaimSubmitted', occurredAt: at, actor: system, data: { payer, idempotencyKey: 'k' } });
      state = fold(state, { type: 'ClaimDecided', occurredAt: at, actor: system, data: { payer, status: 'PAID', amountFen: 1_000_000, reason: null, reference: null, explanation: 'x', attempts: 1 } });
    }
    return fold(state, { type: 'ClaimSubmitted', occurredAt: at, actor: system, data: { payer: PAYERS[payerIndex]!, idempotencyKey: 'k' } });
  }

  test('only the claim in progress, and only within what is still owed', () => {
    const state = waitingOn(2);
    expect(owedBefore(state, 'MEDICAL_ASSISTANCE')).toBe(10_000_000);
    expect(decide(state, { action: 'resolve', payer: 'BASIC_MEDICAL_INSURANCE', input: { status: 'PAID', amountFen: 1 } }, admin, at)).toMatchObject({ refusal: { kind: 'stage-conflict' } });
    expect(decide(state, { action: 'resolve', payer: 'MEDICAL_ASSISTANCE', input: { status: 'PAID', amountFen: 10_000_001 } }, admin, at)).toMatchObject({ refusal: { kind: 'unprocessable' } });
    const decision = decide(state, { action: 'resolve', payer: 'MEDICAL_ASSISTANCE', input: { status: 'PAID', amountFen: 10_000_000, reference: 'R1' } }, admin, at);
    expect(decision.kind).toBe('apply');
    const resolved = fold(state, (decision as { event: NewCaseEvent }).event);
    expect(snapshotOf(resolved).reimbursement!.claims[2]).toMatchObject({ status: 'PAID', amountFen: 10_000_000, decidedBy: 'admin', reference: 'R1' });
    expect(resolved.reimbursement!.paidFen).toBe(12_000_000);
    // The same resolution again is a replay, not a second payment.
    expect(decide(resolved, { action: 'resolve', payer: 'MEDICAL_ASSISTANCE', input: { status: 'PAID', amountFen: 10_000_000, reference: 'R1' } }, admin, at)).toEqual({ kind: 'replay' });
  });

  test('a rejection pays 0 and keeps its reason', () => {
    const state = waitingOn(0);
    const decision = decide(state, { action: 'resolve', payer: 'BASIC_MEDICAL_INSURANCE', input: { status: 'REJECTED', reason: 'not enrolled this year' } }, admin, at);
    const resolved = fold(state, (decision as { event: NewCaseEvent }).event);
    expect(resolved.reimbursement!.claims[0]).toMatchObject({ status: 'REJECTED', amountFen: 0, reason: 'not enrolled this year' });
  });
});

test('any sequence of commands keeps seq contiguous and only moves the case along its lifecycle', () => {
  const order: Stage[] = ['SCREENING', 'AWAITING_ADMISSION', 'AWAITING_SURGERY', 'REHABILITATION', 'REIMBURSING'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...Object.keys(commands)), { maxLength: 12 }), (names) => {
      let state = opened();
      for (const name of names) {
        const before = state.stage;
        const decision = decide(state, commands[name]!, officer, at);
        if (decision.kind !== 'apply') continue;
        const next = fold(state, decision.event);
        expect(next.seq).toBe(state.seq + 1);
        const forward = order.indexOf(next.stage) === order.indexOf(before) + 1;
        expect(forward || next.stage === 'WITHDRAWN' || next.stage === 'INELIGIBLE').toBe(true);
        state = next;
      }
    }),
  );
});
