/**
 * The embedded server's role setup runs again at every start, also when PostgreSQL comes back under
 * a worker that is already writing. PostgreSQL may then end the setup as the victim of a deadlock;
 * dev/postgres.ts runs it again instead of failing the start. Here a real deadlock (two sessions
 * taking two advisory locks in opposite orders) ends the first attempt.
 */
import pg from 'pg';
import { retriedOnLockConflict } from '../../dev/postgres';
import { testAdminDatabaseUrl, testDatabaseUrl } from '../support/stack';

const FIRST = 7_300_001;
const SECOND = 7_300_002;

let other: pg.Client;
let setup: pg.Client;

beforeAll(async () => {
  other = new pg.Client({ connectionString: testDatabaseUrl() });
  // The role setup runs as the superuser, as at a start.
  setup = new pg.Client({ connectionString: testAdminDatabaseUrl() });
  await Promise.all([other.connect(), setup.connect()]);
  // The session whose wait passes deadlock_timeout first looks for the cycle and ends itself:
  // the setup's 50 ms against the other's second makes the setup the victim.
  await setup.query(`set deadlock_timeout = '50ms'`);
});
afterAll(async () => {
  await other?.end();
  await setup?.end();
});

/** The other session holds FIRST and then wants SECOND; the step holds SECOND and then wants FIRST. */
async function deadlockedOnce(): Promise<{ attempts: number; codes: string[] }> {
  let attempts = 0;
  const codes: string[] = [];
  await other.query('begin');
  await other.query('select pg_advisory_xact_lock($1)', [FIRST]);
  let otherDone: Promise<unknown> | undefined;
  await retriedOnLockConflict(async () => {
    attempts += 1;
    await setup.query('begin');
    try {
      await setup.query('select pg_advisory_xact_lock($1)', [SECOND]);
      if (attempts === 1) {
        otherDone = other.query('select pg_advisory_xact_lock($1)', [SECOND]).then(
          () => other.query('commit'),
          async (error: { code?: string }) => {
            codes.push(`other:${error.code}`);
            await other.query('rollback');
          },
        );
        // Let the other session start waiting for SECOND before this one asks for FIRST.
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await setup.query('select pg_advisory_xact_lock($1)', [FIRST]);
      await setup.query('commit');
    } catch (error) {
      codes.push(`setup:${(error as { code?: string }).code}`);
      await setup.query('rollback');
      throw error;
    }
  });
  await otherDone;
  return { attempts, codes };
}

test('a role setup that PostgreSQL ends as a deadlock’s victim runs again and completes', async () => {
  const { attempts, codes } = await deadlockedOnce();
  expect(codes).toEqual(['setup:40P01']);
  expect(attempts).toBe(2);
});

test('any other failure is not retried', async () => {
  let attempts = 0;
  const refused = await retriedOnLockConflict(async () => {
    attempts += 1;
    await setup.query('select * from no_such_table');
  }).catch((error: { code?: string }) => error.code);
  expect(refused).toBe('42P01');
  expect(attempts).toBe(1);
});
