/**
 * The figures the district publishes about pairings, by town and period, counted from the events
 * themselves (contacts, visits, matters and their value by funder, by the day they happened) and
 * from the read model (officials and persons with a pairing open during the period).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../store/schema';
import { MATTER_FUNDERS, type MatterFunder } from '../domain/index';

export interface PairingFigures {
  officials: number;
  persons: number;
  contacts: number;
  visits: number;
  matters: number;
  mattersValueFen: number;
  mattersValueFenByFunder: Record<MatterFunder, number>;
}

const NONE = (): PairingFigures => ({ officials: 0, persons: 0, contacts: 0, visits: 0, matters: 0, mattersValueFen: 0, mattersValueFenByFunder: { PERSONAL: 0, UNIT: 0, CHARITY: 0 } });

/** Days are YYYY-MM-DD (Asia/Shanghai), both ends counted; absent ends are open. */
export async function pairingFigures(db: Kysely<Database>, period: { from?: string | undefined; to?: string | undefined }): Promise<PairingFigures & { byTown: (PairingFigures & { town: string })[] }> {
  const from = period.from ?? '0000-01-01';
  const to = period.to ?? '9999-12-31';
  const byTown = new Map<string, PairingFigures>();
  const of = (town: string) => byTown.get(town) ?? byTown.set(town, NONE()).get(town)!;

  // The day an event counts on: a contact's day, a matter's day.
  const events = await db
    .selectFrom('pairing_events as e')
    .innerJoin('pairings as p', 'p.pairing_id', 'e.pairing_id')
    .select(['p.town', 'e.type'])
    .select(sql<string>`e.data->>'kind'`.as('kind'))
    .select(sql<string>`e.data->>'fundedBy'`.as('funded_by'))
    .select(sql<string>`count(*)`.as('n'))
    .select(sql<string>`coalesce(sum((e.data->>'valueFen')::bigint), 0)`.as('value_fen'))
    .where('e.type', 'in', ['ContactLogged', 'MatterDone'])
    .where(sql<boolean>`coalesce(e.data->>'on', e.data->>'doneOn') between ${from} and ${to}`)
    .groupBy(['p.town', 'e.type', sql`e.data->>'kind'`, sql`e.data->>'fundedBy'`])
    .execute();
  for (const row of events) {
    const figures = of(row.town);
    const n = Number(row.n);
    if (row.type === 'ContactLogged') {
      figures.contacts += n;
      if (row.kind === 'VISIT') figures.visits += n;
    } else {
      const funder = row.funded_by as MatterFunder;
      figures.matters += n;
      figures.mattersValueFen += Number(row.value_fen);
      if (MATTER_FUNDERS.includes(funder)) figures.mattersValueFenByFunder[funder] += Number(row.value_fen);
    }
  }

  for (const row of await officialsAndPersons(db, from, to, true)) {
    const figures = of(row.town);
    figures.officials = Number(row.officials);
    figures.persons = Number(row.persons);
  }

  const total = NONE();
  const towns = [...byTown.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [, figures] of towns) {
    total.contacts += figures.contacts;
    total.visits += figures.visits;
    total.matters += figures.matters;
    total.mattersValueFen += figures.mattersValueFen;
    for (const funder of MATTER_FUNDERS) total.mattersValueFenByFunder[funder] += figures.mattersValueFenByFunder[funder];
  }
  // An official may look after people in several towns, so the district's count is its own.
  const [district] = await officialsAndPersons(db, from, to, false);
  total.officials = Number(district?.officials ?? 0);
  total.persons = Number(district?.persons ?? 0);
  return { ...total, byTown: towns.map(([town, figures]) => ({ town, ...figures })) };
}

/**
 * Officials and persons of the pairings open at some time from `from` through `to`: each official
 * for the days they held the pairing (from its creation or their reassignment to the next
 * reassignment), so an official replaced during the period counts too.
 */
async function officialsAndPersons(db: Kysely<Database>, from: string, to: string, byTown: boolean): Promise<{ town: string; officials: string; persons: string }[]> {
  const { rows } = await sql<{ town: string; officials: string; persons: string }>`
    with spans as (
      select p.town, p.person_id, p.state->>'closedOn' as closed_on,
        coalesce(e.data->'input'->'official'->>'sub', e.data->'to'->>'sub') as official_sub,
        to_char(e.occurred_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as held_from,
        lead(to_char(e.occurred_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')) over (partition by e.pairing_id order by e.seq) as held_until
      from pairing_events e join pairings p on p.pairing_id = e.pairing_id
      where e.type in ('PairingCreated', 'PairingReassigned')
    )
    select ${byTown ? sql`town` : sql`''`} as town, count(distinct official_sub) as officials, count(distinct person_id) as persons
    from spans
    where held_from <= ${to} and (held_until is null or held_until >= ${from}) and (closed_on is null or closed_on >= ${from})
    ${byTown ? sql`group by town` : sql``}
  `.execute(db);
  return rows;
}
