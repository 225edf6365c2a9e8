import { rolesFor, type EnrolmentActionKind } from '@subsidy/actor';
import type { Role } from '../api/types';

/** Whether a role may take an action on an enrolment: the subsidy core's own table, which the API and the workflow also obey. */
export function mayTake(action: EnrolmentActionKind, role: Role): boolean {
  return (rolesFor(action) as readonly string[]).includes(role);
}
