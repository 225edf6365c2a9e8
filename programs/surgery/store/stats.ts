/** Program statistics as SQL aggregates over the read models: one pass over `cases`, one over `claims`. */
import { sql, type Kysely } from 'kysely';
import type { Payer, Stage } from '../domain/stages';
import type { Database } from '../../../store/schema';
import type { Stats } from '../api/route-schemas';

export async function programStats(db: Kysely<Database>): Promise<Stats> {
  const [totals, byStage, byTown, paid] = await Promise.all([
    db
      .selectFrom('cases')
      .select([
        sql<number>`count(*) filter (where eligible)::int`.as('eligible'),
        sql<number>`count(*) filter (where surgery_completed)::int`.as('surgeries_completed'),
        sql<number>`count(*) filter (where stage = 'SETTLED')::int`.as('settled_cases'),
        sql<number>`coalesce(sum(total_billed_fen), 0)::bigint`.as('total_billed_fen'),
        sql<number>`coalesce(sum((state->'reimbursement'->>'outOfPocketFen')::bigint) filter (where stage = 'SETTLED'), 0)::bigint`.as('out_of_pocket_fen'),
      ])
      .executeTakeFirstOrThrow(),
    db.selectFrom('cases').select(['stage', sql<number>`count(*)::int`.as('count')]).groupBy('stage').execute(),
    db.selectFrom('cases').select(['town', sql<number>`count(*)::int`.as('count')]).where('screened', '=', true).groupBy('town').orderBy('town').execute(),
    db
      .selectFrom('claims')
      .select(['payer', sql<number>`coalesce(sum(amount_fen), 0)::bigint`.as('paid')])
      .where('status', '=', 'PAID')
      .groupBy('payer')
      .execute(),
  ]);
  return {
    casesByStage: Object.fromEntries(byStage.map((row) => [row.stage as Stage, row.count])),
    screenedByTown: Object.fromEntries(byTown.map((row) => [row.town, row.count])),
    eligible: totals.eligible,
    surgeriesCompleted: totals.surgeries_completed,
    settledCases: totals.settled_cases,
    totalBilledFen: Number(totals.total_billed_fen),
    paidByPayerFen: Object.fromEntries(paid.map((row) => [row.payer as Payer, Number(row.paid)])),
    outOfPocketFen: Number(totals.out_of_pocket_fen),
  };
}
