/**
 * What an enrolment knows of its person: exactly the registry's fields the subsidy rules read,
 * copied when the person applies and kept current by the life events the enrolment receives.
 * Types only come from the registry's own definitions, so there is one definition of each field.
 */
import type { Disability, PersonView } from '../../../domain/persons';
import type { Day } from './month';

export type AssistanceCategory = PersonView['assistanceCategory'];
export type PersonStatus = PersonView['status'];

export interface PersonFacts {
  status: PersonStatus;
  /** The day the status took effect (a death's or a move's date); absent while the person is active. */
  statusSince?: Day;
  assistanceCategory: AssistanceCategory;
  disability: Pick<Disability, 'grade' | 'longTermCare'> | null;
}
