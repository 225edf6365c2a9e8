/**
 * What opening a case needs of the person registry: the person the case is about, found by the
 * applicant's ID number or registered from the applicant. The API's person service provides it.
 */
import type { PersonRegistry } from '../../program-entry';
import type { PersonRow } from '../../../store/persons';
import type { NewCaseInput } from '../domain/schemas';

export interface CasePersons {
  personForCase(input: NewCaseInput): Promise<PersonRow>;
}

/** A case's applicant as the registry knows a person: found by ID number, else registered. */
export function casePersons(registry: PersonRegistry): CasePersons {
  return {
    personForCase: ({ applicant, assistanceCategory }) =>
      registry.findOrRegister({
        idNumber: applicant.idNumber,
        name: applicant.name,
        phone: applicant.phone,
        town: applicant.town,
        village: applicant.village,
        assistanceCategory,
        disability: null,
      }),
  };
}
