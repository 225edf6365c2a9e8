/**
 * The subsidies' figures, from the read models: who is enrolled now, what the bank paid month by
 * month and to how many people, and what overpayments came to. The district publishes these.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../store/schema';
import type { Month, SubsidyProgram } from '../domain/index';

export interface SubsidyStatsFilter {
  program?: SubsidyProgram | undefined;
  /** The months paid for that count, both included; unbounded when absent. */
  from?: Month | undefined;
  to?: Month | undefined;
}

export interface SubsidyFigures {
  active: number;
  enrolledByTown: Record<string, number>;
  paidFenByMonth: Record<string, number>;
  personsPaidByMonth: Record<string, number>;
  overpaymentOwedFen: number;
  recoveredFen: number;
  waivedFen: number;
}

export async function subsidyFigures(db: Kysely<Database>, filter: SubsidyStatsFilter): Promise<SubsidyFigures> {
  let enrolments = db.selectFrom('enrolments');
  if (filter.program !== undefined) enrolments = enrolments.where('program', '=', filter.program);

  const [active, byTown, recovery] = await Promise.all([
    enrolments.select((eb) => eb.fn.countAll<string>().as('count')).where('stage', '=', 'ACTIVE').executeTakeFirstOrThrow(),
    enrolments.select(['town', (eb) => eb.fn.countAll<string>().as('count')]).where('stage', 'in', ['ACTIVE', 'SUSPENDED']).groupBy('town').execute(),
    enrolments
      .select([
        sql<string>`coalesce(sum((state->'recovery'->>'owedFen')::bigint), 0)`.as('owed'),
        sql<string>`coalesce(sum((state->'recovery'->>'recoveredFen')::bigint), 0)`.as('recovered'),
        sql<string>`coalesce(sum((state->'recovery'->>'waivedFen')::bigint), 0)`.as('waived'),
      ])
      .where(sql<boolean>`jsonb_typeof(state->'recovery') = 'object'`)
      .executeTakeFirstOrThrow(),
  ]);

  let paid = db.selectFrom('enrolment_months as m').innerJoin('enrolments as e', 'e.enrolment_id', 'm.enrolment_id').where('m.status', '=', 'PAID');
  if (filter.program !== undefined) paid = paid.where('m.program', '=', filter.program);
  if (filter.from !== undefined) paid = paid.where('m.month', '>=', filter.from);
  if (filter.to !== undefined) paid = paid.where('m.month', '<=', filter.to);
  const byMonth = await paid
    .select(['m.month', sql<string>`sum(m.amount_fen)`.as('fen'), sql<string>`count(distinct e.person_id)`.as('persons')])
    .groupBy('m.month')
    .orderBy('m.month')
    .execute();

  return {
    active: Number(active.count),
    enrolledByTown: Object.fromEntries(byTown.map((row) => [row.town, Number(row.count)])),
    paidFenByMonth: Object.fromEntries(byMonth.map((row) => [row.month, Number(row.fen)])),
    personsPaidByMonth: Object.fromEntries(byMonth.map((row) => [row.month, Number(row.persons)])),
    overpaymentOwedFen: Number(recovery.owed),
    recoveredFen: Number(recovery.recovered),
    waivedFen: Number(recovery.waived),
  };
}
