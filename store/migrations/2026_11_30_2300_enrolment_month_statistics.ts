import { sql, type Kysely } from 'kysely';

/**
 * `refresh_enrolment_month_statistics()`: ANALYZE of `enrolment_months`, for the application role.
 * A payroll's approval moves every one of its months to IN_PAYROLL at once; planned on the
 * statistics from before (no month IN_PAYROLL), each batch's settlement reads every month the
 * payroll holds. Only the table's owner may analyze it (PostgreSQL 16 has no MAINTAIN privilege),
 * and the application role owns nothing: this function runs as its owner (SECURITY DEFINER, with a
 * fixed search_path, as such functions must) and does that one thing. SKIP_LOCKED: a vacuum or an
 * index build holding the table's lock makes it skip the table rather than wait for them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION refresh_enrolment_month_statistics() RETURNS void
      LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public
      AS 'ANALYZE (SKIP_LOCKED) public.enrolment_months'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS refresh_enrolment_month_statistics()`.execute(db);
}
