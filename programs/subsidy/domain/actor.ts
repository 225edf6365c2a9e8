/**
 * Who acts on an enrolment, and which actions each role may take. The API checks roles before it
 * calls the workflow; `decide` checks again with this table, so that a client talking to Temporal
 * directly cannot act beyond its role.
 */
export const SUBSIDY_ROLES = ['officer', 'civil', 'finance', 'admin', 'system'] as const;
export type SubsidyRole = (typeof SUBSIDY_ROLES)[number];

export interface SubsidyActor {
  role: SubsidyRole;
  sub: string;
}

export type EnrolmentActionKind =
  | 'apply'
  | 'town-review'
  | 'cdpf-review'
  | 'decision'
  | 'objection'
  | 'activate'
  | 'withdraw'
  | 'suspend'
  | 'reinstate'
  | 'bank-account'
  | 'life-event'
  | 'repayment'
  | 'waive'
  | 'settle-paid-months';

// An administrator may do everything the other roles do here; `system` is the workflow itself
// (the end of the public notice, the months a payroll paid after the enrolment ended), which no
// person may stand in for.
const ROLES_BY_ACTION: Record<EnrolmentActionKind, readonly SubsidyRole[]> = {
  apply: ['officer', 'admin'],
  'town-review': ['officer', 'admin'],
  'cdpf-review': ['officer', 'admin'],
  objection: ['officer', 'admin'],
  withdraw: ['officer', 'admin'],
  'bank-account': ['officer', 'admin'],
  'life-event': ['officer', 'admin'],
  decision: ['civil', 'admin'],
  suspend: ['civil', 'admin'],
  reinstate: ['civil', 'admin'],
  repayment: ['civil', 'admin'],
  waive: ['admin'],
  activate: ['system'],
  'settle-paid-months': ['system'],
};

export function rolesFor(action: EnrolmentActionKind): readonly SubsidyRole[] {
  return ROLES_BY_ACTION[action];
}

/** Why `actor` may not take `action`, or undefined when it may. */
export function forbiddenReason(action: EnrolmentActionKind, actor: SubsidyActor): string | undefined {
  const roles = ROLES_BY_ACTION[action];
  if (!roles.includes(actor.role)) return `${action} is for ${roles.join(' or ')}, not ${actor.role}`;
  if (actor.sub.trim() === '') return 'the actor has no name';
  return undefined;
}
