/**
 * What opening a case needs of the person registry: the person the case is about, found by the
 * applicant's ID number or registered from the applicant. The API's person service provides it.
 */
import type { PersonRow } from '../../../store/persons';
import type { NewCaseInput } from '../domain/schemas';

export interface CasePersons {
  personForCase(input: NewCaseInput): Promise<PersonRow>;
}
