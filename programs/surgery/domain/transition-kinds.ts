/**
 * The transitions a person asks of a case, named once: the four steps through the stages and the
 * withdrawal. Commands, permissions, the workflow's Updates, the API's routes and the Update ids
 * all take their names from here.
 */
import type { AdmissionInput, DischargeInput, ScreeningInput, SurgeryInput, WithdrawInput } from './schemas';
import type { Payer } from './stages';

/** The steps that move a case forward through its stages, in order. */
export const STAGE_STEPS = ['screening', 'admission', 'surgery', 'discharge'] as const;
export type StageStep = (typeof STAGE_STEPS)[number];

export const TRANSITION_KINDS = [...STAGE_STEPS, 'withdraw'] as const;
export type TransitionKind = (typeof TRANSITION_KINDS)[number];

/** The body each transition takes. */
export interface TransitionInputs {
  screening: ScreeningInput;
  admission: AdmissionInput;
  surgery: SurgeryInput;
  discharge: DischargeInput;
  withdraw: WithdrawInput;
}

/** The actions recorded on a case, each applied at most once: a transition, a claim resolved by hand, a life event. */
export type CaseAction = TransitionKind | `resolve:${Payer}` | `life-event:${string}`;
