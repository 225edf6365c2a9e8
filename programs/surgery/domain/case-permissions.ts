/**
 * Who may take which action on a case. The API checks roles before it calls the workflow; the
 * workflow's Update validators check again with this, so that a client talking to Temporal
 * directly cannot record a screening as an officer it is not, or a discharge for another hospital.
 */
import type { Refusal } from './refusals';
import type { CaseState } from './case-state';
import type { Actor } from '../../../domain/actor';
import type { TransitionKind } from './transition-kinds';

export type CaseActionKind = TransitionKind | 'resolve' | 'propose' | 'approve' | 'reject-proposal' | 'life-event';

const ROLES_BY_ACTION: Record<CaseActionKind, readonly Actor['role'][]> = {
  screening: ['officer'],
  withdraw: ['officer'],
  admission: ['hospital'],
  surgery: ['hospital'],
  discharge: ['hospital'],
  resolve: ['admin'],
  propose: ['admin'],
  approve: ['admin'],
  'reject-proposal': ['admin'],
  // Whoever keeps the registry records a death or a move; every open case of the person hears it.
  'life-event': ['officer', 'admin'],
};

/** Why `actor` may not take `action` on this case, or undefined when it may. */
export function permissionRefusal(state: CaseState, action: CaseActionKind, actor: Actor): Refusal | undefined {
  const roles = ROLES_BY_ACTION[action];
  if (!roles.includes(actor.role)) return { kind: 'forbidden', detail: `${action} is for ${roles.join(' or ')}, not ${actor.role}` };
  if (actor.sub.trim() === '') return { kind: 'forbidden', detail: 'the actor has no name' };
  if (actor.role === 'hospital' && actor.hospitalId !== state.hospitalId) {
    return { kind: 'forbidden', detail: `the case is assigned to another hospital than ${actor.hospitalId ?? '(none given)'}` };
  }
  return undefined;
}
