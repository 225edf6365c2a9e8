/**
 * What an enrolment knows of its person: exactly the registry's fields the subsidy rules read,
 * copied when the person applies and kept current by the life events the enrolment receives.
 * Types only come from the registry's own definitions, so there is one definition of each field.
 */
import type { CaseLifeEventInput } from '../../../domain/life-events';
import type { AssistanceCategory } from '../../../domain/fields';
import type { Disability, PersonView } from '../../../domain/persons';
import type { Day } from './month';
import type { DisabilityGrade } from './programs';

export type { AssistanceCategory };
export type PersonStatus = PersonView['status'];

export interface PersonFacts {
  status: PersonStatus;
  /** The day the status took effect (a death's or a move's date); absent while the person is active. */
  statusSince?: Day;
  assistanceCategory: AssistanceCategory;
  disability: Pick<Disability, 'grade' | 'longTermCare'> | null;
}

/** The person's disability grade, or null without a certificate. */
export function disabilityGrade(person: PersonFacts): DisabilityGrade | null {
  return (person.disability?.grade ?? null) as DisabilityGrade | null;
}

/**
 * A life event as an enrolment keeps it: only what the subsidy rules read. The certificate number
 * (the holder's ID number and two digits) stays in the registry and out of the enrolment's history.
 */
export interface EnrolmentLifeEvent {
  eventId: string;
  type: CaseLifeEventInput['type'];
  on: Day;
  disability?: PersonFacts['disability'];
  assistanceCategory?: AssistanceCategory;
}

export function enrolmentLifeEvent(input: CaseLifeEventInput): EnrolmentLifeEvent {
  const { eventId, type, on, disability, assistanceCategory } = input;
  return {
    eventId,
    type,
    on,
    ...(disability !== undefined ? { disability: disability && { grade: disability.grade, longTermCare: disability.longTermCare } } : {}),
    ...(assistanceCategory !== undefined ? { assistanceCategory } : {}),
  };
}
