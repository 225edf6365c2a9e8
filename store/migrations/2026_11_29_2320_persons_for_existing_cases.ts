import { sql, type Kysely } from 'kysely';

// Every case opened before the registry gets its person. One person per ID number, from the
// applicant of the newest case for that number (the most recent name, phone and town the district
// recorded); `disability` stays unknown (null): a case holds a certificate number, never a grade.
// Then every case is linked to the person of its ID number. Both statements skip what exists, so
// running this again, or after the API has already registered people, changes nothing.
// Registrations whose case is not projected yet have no name to take: the next opening of that
// person, or a re-import of the roster row, registers them.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    INSERT INTO persons (person_id, id_number, name, phone, town, village, assistance_category, disability, status, status_since, created_at, updated_at)
    SELECT DISTINCT ON (c.id_number)
      'PS-' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 12)),
      c.id_number,
      c.state->'applicant'->>'name',
      c.state->'applicant'->>'phone',
      c.state->'applicant'->>'town',
      c.state->'applicant'->>'village',
      coalesce(c.state->>'assistanceCategory', 'NONE'),
      NULL,
      'ACTIVE',
      c.opened_at,
      now(),
      now()
    FROM cases c
    ORDER BY c.id_number, c.opened_at DESC, c.case_id DESC
    ON CONFLICT (id_number) DO NOTHING
  `.execute(db);
  await sql`
    INSERT INTO case_persons (case_id, person_id)
    SELECT c.case_id, p.person_id FROM cases c JOIN persons p ON p.id_number = c.id_number
    ON CONFLICT (case_id) DO NOTHING
  `.execute(db);
}

// The persons it created cannot be told from those registered since; dropping the tables is the
// persons migration's down.
export async function down(): Promise<void> {}
