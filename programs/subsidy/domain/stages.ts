/** The stages of a subsidy enrolment, from application to its end. */
export const ENROLMENT_STAGES = ['TOWN_REVIEW', 'CDPF_REVIEW', 'DECISION', 'PUBLIC_NOTICE', 'ACTIVE', 'SUSPENDED', 'REJECTED', 'WITHDRAWN', 'TERMINATED'] as const;
export type EnrolmentStage = (typeof ENROLMENT_STAGES)[number];

/** The stages that wait on people, each with a service-level time for the stuck radar. */
export const WAITING_ENROLMENT_STAGES = ['TOWN_REVIEW', 'CDPF_REVIEW', 'DECISION', 'PUBLIC_NOTICE'] as const satisfies readonly EnrolmentStage[];
export type WaitingEnrolmentStage = (typeof WAITING_ENROLMENT_STAGES)[number];

export const TERMINAL_ENROLMENT_STAGES = ['REJECTED', 'WITHDRAWN', 'TERMINATED'] as const satisfies readonly EnrolmentStage[];

/** Before the subsidy is paid, an officer may withdraw the application; a death or a move withdraws it too. */
export const BEFORE_ACTIVE_STAGES = ['TOWN_REVIEW', 'CDPF_REVIEW', 'DECISION', 'PUBLIC_NOTICE'] as const satisfies readonly EnrolmentStage[];

/** The stages in which the subsidy is owed month by month. */
export const PAYING_STAGES = ['ACTIVE', 'SUSPENDED'] as const satisfies readonly EnrolmentStage[];

export function isTerminalEnrolmentStage(stage: EnrolmentStage): boolean {
  return (TERMINAL_ENROLMENT_STAGES as readonly EnrolmentStage[]).includes(stage);
}

export function isOneOf<S extends EnrolmentStage>(stage: EnrolmentStage, stages: readonly S[]): stage is S {
  return (stages as readonly EnrolmentStage[]).includes(stage);
}
