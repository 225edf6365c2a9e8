/** Shared shapes for the payroll tests: actors, an instant inside a month, folding a decision. */
import type { SubsidyActor } from '../../../../programs/subsidy/domain/actor';
import { decidePayroll, evolvePayroll, type PayrollCommand, type PayrollDecision, type PayrollState } from '../../../../programs/subsidy/domain/payroll';

export const civilWang: SubsidyActor = { role: 'civil', sub: 'civil-wang' };
export const civilLi: SubsidyActor = { role: 'civil', sub: 'civil-li' };
export const financeZhao: SubsidyActor = { role: 'finance', sub: 'finance-zhao' };
export const system: SubsidyActor = { role: 'system', sub: 'payroll-workflow' };

/** 10:00 in Shanghai on the 10th of June 2026, when the schedule opens June's payroll. */
export const JUNE_TENTH = '2026-06-10T02:00:00Z';

/** Applies a command that must succeed, and returns the new state. */
export function act(state: PayrollState | undefined, command: PayrollCommand, actor: SubsidyActor, now = JUNE_TENTH): PayrollState {
  const decision = decidePayroll(state, command, actor, now);
  if (decision.kind === 'refuse') throw new Error(`refused: ${decision.refusal.kind}: ${decision.refusal.detail}`);
  if (decision.kind === 'replay') return state as PayrollState;
  return decision.events.reduce<PayrollState | undefined>(evolvePayroll, state) as PayrollState;
}

export function refusalOf(decision: PayrollDecision): { kind: string; detail: string } | undefined {
  return decision.kind === 'refuse' ? decision.refusal : undefined;
}
