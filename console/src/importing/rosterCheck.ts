/** The preview's own check of a roster row, every problem of the row at once; the server decides. */
import { newCaseContextIssues, newCaseSchema } from '@surgery/schemas';
import type { FieldError } from '../api/problem';
import type { Translate } from '../i18n/I18nProvider';
import { issuesToFieldErrors } from '../components/useSubmit';
import { todayIsoDay } from '../components/datetime';
import { rowToBody, type RosterRow } from './csv';
import { CATEGORY_CHOICES, categoryOf, hospitalIdOf, insuredOf } from '@surgery/roster';

export interface CheckedRow {
  /** The row in the API's own values (hospital ids, category codes, true/false), as it is sent. */
  data: RosterRow;
  issues: FieldError[];
}

/**
 * Reads a clerk's values (a hospital by name, 低保对象, 是/否) into the API's, then checks the row with
 * the API's own schema. A value that is none of the allowed ones is said with the allowed ones, and
 * what the schema finds is added, so that one pass over the file shows everything to correct.
 */
export function checkRosterRow(row: RosterRow, hospitals: readonly { id: string; name: string }[], t: Translate): CheckedRow {
  const own: FieldError[] = [];
  const hospitalId = row.hospitalId === '' ? '' : hospitalIdOf(row.hospitalId, hospitals);
  if (hospitalId === undefined) own.push({ path: 'hospitalId', message: t('import.allowedHospitals', { value: row.hospitalId, allowed: hospitals.map((h) => h.name).join('、') }) });
  const category = row.assistanceCategory === '' ? '' : categoryOf(row.assistanceCategory);
  if (category === undefined) own.push({ path: 'assistanceCategory', message: t('import.allowedCategories', { value: row.assistanceCategory, allowed: CATEGORY_CHOICES.join('、') }) });
  const insured = row.insured === '' ? '' : insuredOf(row.insured);
  if (insured === undefined) own.push({ path: 'insured', message: t('import.allowedInsured', { value: row.insured }) });
  const data: RosterRow = {
    ...row,
    hospitalId: hospitalId ?? row.hospitalId,
    assistanceCategory: category ?? row.assistanceCategory,
    insured: insured === undefined ? row.insured : insured === '' ? '' : String(insured),
  };
  const parsed = newCaseSchema.safeParse(rowToBody(data));
  const schemaIssues = parsed.success
    ? newCaseContextIssues(parsed.data, todayIsoDay(), new Set(hospitals.map((h) => h.id)))
    : issuesToFieldErrors(parsed.error.issues);
  const ownPaths = new Set(own.map((issue) => issue.path));
  return { data, issues: [...own, ...schemaIssues.filter((issue) => !ownPaths.has(issue.path))] };
}
