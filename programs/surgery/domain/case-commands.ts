/**
 * What a person's action does to a case, decided purely from the case's state: apply it (and
 * which event it produces), answer it as a replay, or refuse it with a reason the API can show.
 */
import { actionFingerprint, type CaseState } from './case-state';
import type { NewCaseEvent } from './events';
import type { ResolveClaimInput } from './schemas';
import type { Refusal } from './refusals';
import type { CaseAction, StageStep, TransitionInputs, TransitionKind } from './transition-kinds';
import type { Actor } from '../../../domain/actor';
import { formatYuan } from '../../../domain/money';
import { manualResolutionProblem } from './policy/policy.settlement';
import { PAYERS, WITHDRAWABLE_STAGES, type Payer, type Stage } from './stages';

/** A transition with its body, or a claim resolved by hand. */
export type CaseCommand = { [K in TransitionKind]: { action: K; input: TransitionInputs[K] } }[TransitionKind] | { action: 'resolve'; payer: Payer; input: ResolveClaimInput };

export type { Refusal };

export type Decision = { kind: 'apply'; event: NewCaseEvent } | { kind: 'replay' } | { kind: 'refuse'; refusal: Refusal };

const REQUIRED_STAGE: Record<StageStep, Stage> = {
  screening: 'SCREENING',
  admission: 'AWAITING_ADMISSION',
  surgery: 'AWAITING_SURGERY',
  discharge: 'REHABILITATION',
};

export function commandAction(command: CaseCommand): CaseAction {
  return command.action === 'resolve' ? `resolve:${command.payer}` : command.action;
}

/** What the cascade still owes before `payer` decides: the bill less what earlier payers paid. */
export function owedBefore(state: CaseState, payer: Payer): number {
  const total = state.discharge?.bill.totalFen ?? 0;
  const earlier = PAYERS.slice(0, PAYERS.indexOf(payer));
  const paid = (state.reimbursement?.claims ?? [])
    .filter((claim) => earlier.includes(claim.payer) && claim.status === 'PAID')
    .reduce((sum, claim) => sum + claim.amountFen, 0);
  return total - paid;
}

export function decide(state: CaseState, command: CaseCommand, actor: Actor, now: string): Decision {
  const action = commandAction(command);
  const previous = state.applied[action];
  if (previous !== undefined) {
    return previous === actionFingerprint(command.input)
      ? { kind: 'replay' }
      : { kind: 'refuse', refusal: { kind: 'idempotency-conflict', detail: `${action} was already applied to this case with a different body` } };
  }
  const refuseStage = (detail: string): Decision => ({ kind: 'refuse', refusal: { kind: 'stage-conflict', currentStage: state.stage, detail } });
  const event = <E extends NewCaseEvent>(e: Omit<E, 'occurredAt' | 'actor'>): Decision =>
    ({ kind: 'apply', event: { ...e, occurredAt: now, actor } as NewCaseEvent });

  switch (command.action) {
    case 'screening':
    case 'admission':
    case 'surgery':
    case 'discharge': {
      const required = REQUIRED_STAGE[command.action];
      if (state.stage !== required) return refuseStage(`${command.action} needs stage ${required}; the case is in ${state.stage}`);
      const type = ({ screening: 'ScreeningRecorded', admission: 'Admitted', surgery: 'SurgeryCompleted', discharge: 'Discharged' } as const)[command.action];
      return event({ type, data: command.input } as Omit<NewCaseEvent, 'occurredAt' | 'actor'>);
    }
    case 'withdraw':
      if (!(WITHDRAWABLE_STAGES as readonly Stage[]).includes(state.stage)) {
        return refuseStage(`a case can be withdrawn only in ${WITHDRAWABLE_STAGES.join(', ')}; it is in ${state.stage}`);
      }
      return event({ type: 'CaseWithdrawn', data: command.input });
    case 'resolve': {
      const { payer, input } = command;
      const claim = state.reimbursement?.claims.find((c) => c.payer === payer);
      if (state.stage !== 'REIMBURSING' || claim?.status !== 'IN_PROGRESS') {
        return refuseStage(`the cascade is not waiting on ${payer}`);
      }
      const owed = owedBefore(state, payer);
      const problem = manualResolutionProblem(payer, input, owed);
      if (problem) return { kind: 'refuse', refusal: { kind: 'unprocessable', detail: problem } };
      const amountFen = input.status === 'PAID' ? input.amountFen! : 0;
      const explanation =
        input.status === 'PAID'
          ? `Resolved by hand by ${actor.sub}: paid ${formatYuan(amountFen)} of ${formatYuan(owed)} still owed` +
            (input.reference ? `, reference ${input.reference}` : '') + (input.note ? ` (${input.note})` : '')
          : `Rejected by hand by ${actor.sub}: ${input.reason}` + (input.note ? ` (${input.note})` : '');
      return event({
        type: 'ClaimResolvedManually',
        data: { payer, input, status: input.status, amountFen, reason: input.status === 'REJECTED' ? input.reason ?? null : null, reference: input.reference ?? null, explanation },
      });
    }
  }
}
