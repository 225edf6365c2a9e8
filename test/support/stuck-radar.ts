/**
 * What the stuck-radar tests of the programs share: an item as GET /v1/admin/stuck lists it, and a
 * storage failure of one item's rows (a trigger makes PostgreSQL refuse them, as a broken disk or a
 * full tablespace would, while the rest of the database answers).
 */
import { sql } from 'kysely';
import type { ApiHarness } from '../api/harness';
import { createDb } from '../../store/connection';
import { testOwnerDatabaseUrl } from './stack';

export interface StuckItemView {
  kind: string;
  program: string;
  id: string;
  stage: string;
  town: string | null;
  reasons: { kind: string; detail: string; activity: string | null; attempts: number | null; lastFailure: string | null }[];
}

/** The item `id` on the radar as an administrator reads it in `lang`, or undefined. */
export async function stuckItemOf(api: ApiHarness, adminToken: string, id: string, lang = 'en'): Promise<StuckItemView | undefined> {
  const response = await api.call({ method: 'GET', url: '/v1/admin/stuck', token: adminToken, headers: { 'accept-language': lang } });
  expect(response.statusCode).toBe(200);
  return (response.json().items as StuckItemView[]).find((item) => item.id === id);
}

/**
 * From now on PostgreSQL refuses every row of `table` whose `column` is `value` ("simulated storage
 * failure"); the function returned lifts it (once, however often it is called).
 */
export async function refuseRowsOf(table: string, column: string, value: string): Promise<() => Promise<void>> {
  // Triggers are DDL: the owner role's, not the application's.
  const owner = createDb(testOwnerDatabaseUrl(), { max: 1 });
  const fn = `refuse_${value.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;
  await sql
    .raw(
      `create function ${fn}() returns trigger language plpgsql as $$ begin
         if new.${column} = '${value}' then raise exception 'simulated storage failure'; end if;
         return new;
       end $$;
       create trigger ${fn} before insert on ${table} for each row execute function ${fn}();`,
    )
    .execute(owner);
  let lifted = false;
  return async () => {
    if (lifted) return;
    lifted = true;
    try {
      await sql.raw(`drop trigger if exists ${fn} on ${table}; drop function if exists ${fn}();`).execute(owner);
    } finally {
      await owner.destroy();
    }
  };
}
