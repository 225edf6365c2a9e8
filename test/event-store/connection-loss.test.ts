/**
 * A connection the server cuts while our code holds it (PostgreSQL stopping, an administrator
 * terminating backends) must fail the statement that uses it next — which the caller retries —
 * and never kill the process. Without a listener, pg's 'error' event on a checked-out client is
 * an uncaught exception: a worker died of it in the PostgreSQL-outage fault test.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { createDb } from '../../store/connection';
import { testAdminDatabaseUrl, testDatabaseUrl } from '../support/stack';

test('a checked-out connection terminated by the server fails its next statement and leaves the pool usable', async () => {
  const db = createDb(testDatabaseUrl(), { max: 2, applicationName: 'connection-loss-test' });
  const admin = new pg.Client({ connectionString: testAdminDatabaseUrl() });
  await admin.connect();
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  process.on('uncaughtException', onUncaught);
  try {
    const failure = await db
      .transaction()
      .execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        // Between two statements of a transaction, as a repository holds its connection.
        await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await sql`select 1`.execute(trx);
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );

    expect(failure).toBeInstanceOf(Error);
    expect(uncaught).toEqual([]);
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
    expect(rows).toEqual([{ one: 1 }]);
  } finally {
    process.off('uncaughtException', onUncaught);
    await admin.end();
    await db.destroy();
  }
});
