/** The two monthly subsidies. They share one enrolment workflow and differ only in policy. */
export const SUBSIDY_PROGRAMS = ['NURSING_SUBSIDY', 'LIVING_SUBSIDY'] as const;
export type SubsidyProgram = (typeof SUBSIDY_PROGRAMS)[number];

/** The disability grades a certificate may carry (1 is the most severe). */
export const DISABILITY_GRADES = [1, 2, 3, 4] as const;
export type DisabilityGrade = (typeof DISABILITY_GRADES)[number];
