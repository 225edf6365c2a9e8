/**
 * The PostgreSQL server's own log holds no ID number: a refused duplicate (the one-person-per-ID
 * rule) is logged as a terse error line, without the DETAIL that would quote the key's value.
 * Runs a cluster of its own so that its log file holds only what this test did.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { createDb } from '../../store/connection';
import { idNumberIndex } from '../../store/persons';
import { seal } from '../../store/sealed-columns';
import { idNumber } from '../api/fixtures';
import { eventually } from '../support/eventually';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres';

let postgres: OwnPostgres;

beforeAll(async () => {
  postgres = await startOwnPostgres({ migrate: true });
}, 120_000);
afterAll(async () => {
  await postgres?.stop();
});

test('a duplicate ID number refused by the database leaves no ID number in the server log', async () => {
  const db = createDb(postgres.url);
  const number = idNumber();
  try {
    const person = (personId: string) =>
      sql`insert into persons (person_id, id_number_sealed, id_number_index, name, town, assistance_category)
        values (${personId}, ${seal('id-number', number)}, ${idNumberIndex(number)}, ${'张三'}, ${'黄羊镇'}, ${'NONE'})`.execute(db);
    await person('log-privacy-1');
    await expect(person('log-privacy-2')).rejects.toThrow(/duplicate key/);
  } finally {
    await db.destroy();
  }
  const logFile = path.join(postgres.dataDir, 'postgres.log');
  // The refusal is in the log (so the log is the one the server writes) …
  const log = await eventually('the refusal logged', async () => {
    const text = fs.readFileSync(logFile, 'utf8');
    return text.includes('persons_id_number_index_key') ? text : undefined;
  });
  // … and the key's value is not.
  expect(log).not.toContain(number);
  expect(log).not.toMatch(/DETAIL:\s+Key/);
}, 120_000);
