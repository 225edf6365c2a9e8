/**
 * A person as a given caller may see them: the ID number masked for a role that does not need it,
 * by the same rule as a case's applicant (case-views.ts), so one person never shows two ways.
 */
import { maskIdNumber } from '../../domain/id-number';
import type { Disability, PersonDetail, PersonProgram, PersonStatus, PersonView } from '../../domain/persons';
import type { AssistanceCategory } from '../../domain/fields';
import type { Principal } from '../../http/auth/tokens';
import type { PersonRow } from '../../store/persons';
import { seesFullIdNumbers } from '../../programs/surgery/api/case-views';

export function presentPerson(row: PersonRow, principal: Principal): PersonView {
  return {
    personId: row.person_id,
    idNumber: seesFullIdNumbers(principal) ? row.id_number : maskIdNumber(row.id_number),
    name: row.name,
    phone: row.phone,
    town: row.town,
    village: row.village,
    assistanceCategory: row.assistance_category as AssistanceCategory,
    disability: row.disability as Disability | null,
    status: row.status as PersonStatus,
    statusSince: row.status_since.toISOString(),
    createdAt: row.created_at.toISOString(),
  };
}

export function presentPersonDetail(row: PersonRow, programs: PersonProgram[], principal: Principal): PersonDetail {
  return { ...presentPerson(row, principal), programs };
}
