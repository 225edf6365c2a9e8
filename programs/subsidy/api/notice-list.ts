/**
 * `GET /v1/enrolments/notice.csv`: the public-notice list of the enrolments a program approved in
 * a month, from the read models, in the language asked for, ID numbers masked.
 */
import type { Kysely } from 'kysely';
import type { Lang } from '../../../domain/i18n/lang';
import { findPersonsByIds } from '../../../store/persons';
import type { Database } from '../../../store/schema';
import { dayOfInstant, disabilityGrade, nextMonth, noticeListCsv, type Month, type NoticeListRow, type SubsidyProgram } from '../domain/index';
import { enrolmentsApprovedBetween } from '../store/enrolment-pages';

/** The month's bounds in Asia/Shanghai, where the decisions were taken. */
function monthBounds(month: Month): { from: string; to: string } {
  return { from: `${month}-01T00:00:00+08:00`, to: `${nextMonth(month)}-01T00:00:00+08:00` };
}

export async function noticeListRows(db: Kysely<Database>, program: SubsidyProgram, month: Month, town?: string): Promise<NoticeListRow[]> {
  const { from, to } = monthBounds(month);
  const approved = await enrolmentsApprovedBetween(db, program, from, to, town);
  const persons = await findPersonsByIds(db, approved.map(({ state }) => state.personId));
  return approved.map(({ state, town: enrolmentTown }) => {
    const person = persons.get(state.personId);
    if (!person) throw new Error(`enrolment ${state.enrolmentId} names person ${state.personId}, who is not in the registry`);
    const decision = state.decision!;
    return {
      name: person.name,
      town: enrolmentTown,
      idNumber: person.id_number,
      program: state.program,
      grade: disabilityGrade(state.person),
      assistanceCategory: state.person.assistanceCategory,
      monthlyFen: decision.monthlyFen,
      approvedOn: dayOfInstant(decision.decidedAt),
    };
  });
}

export async function noticeList(db: Kysely<Database>, program: SubsidyProgram, month: Month, lang: Lang, town?: string): Promise<string> {
  return noticeListCsv(await noticeListRows(db, program, month, town), lang);
}
