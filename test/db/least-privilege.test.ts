/**
 * The embedded stack's roles (dev/postgres.ts): the application role, which the API and the worker
 * use, reads and writes rows and nothing more; the owner role runs the migrations. On the shared
 * test stack, which global-setup.ts migrated as the owner.
 */
import fs from 'node:fs';
import pg from 'pg';
import { EMBEDDED_APP_USER, EMBEDDED_OWNER_USER, secretsPath } from '../../config/secrets';
import { startOwnPostgres } from '../support/own-postgres';
import { migrations } from '../../store/migrations';
import { testDatabaseUrl, testOwnerDatabaseUrl, uniqueId } from '../support/stack';

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

let app: pg.Client;
let owner: pg.Client;

beforeAll(async () => {
  app = await connect(testDatabaseUrl());
  owner = await connect(testOwnerDatabaseUrl());
});
afterAll(async () => {
  await app?.end();
  await owner?.end();
});

test('the tests, like the API and the worker, sign in as the application role, which is no superuser', async () => {
  const { rows } = await app.query<{ user: string; superuser: boolean; createdb: boolean; createrole: boolean }>(
    `select current_user as user, rolsuper as superuser, rolcreatedb as createdb, rolcreaterole as createrole from pg_roles where rolname = current_user`,
  );
  expect(rows).toEqual([{ user: EMBEDDED_APP_USER, superuser: false, createdb: false, createrole: false }]);
  const ownerRole = await owner.query<{ superuser: boolean }>(`select rolsuper as superuser from pg_roles where rolname = current_user`);
  expect(ownerRole.rows).toEqual([{ superuser: false }]);
});

test('the application role cannot create, alter or drop anything, nor read pg_authid', async () => {
  const name = uniqueId('nope').replace(/[^a-z0-9]/gi, '_').toLowerCase();
  const refused = async (statement: string) => {
    const error = (await app.query(statement).then(() => undefined, (e: unknown) => e)) as { code?: string } | undefined;
    return error?.code;
  };
  // 42501: insufficient_privilege; 42501 or "must be owner" (also 42501) for ALTER/DROP.
  expect(await refused(`create table ${name} (value int)`)).toBe('42501');
  expect(await refused(`create schema ${name}`)).toBe('42501');
  expect(await refused(`alter table persons add column ${name} text`)).toBe('42501');
  expect(await refused('drop table persons')).toBe('42501');
  expect(await refused('truncate persons')).toBe('42501');
  expect(await refused('create index on persons (name)')).toBe('42501');
  expect(await refused('select rolpassword from pg_authid')).toBe('42501');
  expect(await refused(`create role ${name}`)).toBe('42501');
  expect(await refused(`create database ${name}`)).toBe('42501');
});

test('the application role refreshes the months’ planner statistics through the owner’s function, and may not analyze anything itself', async () => {
  // What the payroll does once its batches are numbered (programs/subsidy/store/enrolment-months.ts).
  const analyzed = async () =>
    Number((await owner.query<{ count: string }>(`select analyze_count::text as count from pg_stat_user_tables where relname = 'enrolment_months'`)).rows[0]!.count);
  const before = await analyzed();
  const warnings: string[] = [];
  const onNotice = (notice: { message?: string }) => warnings.push(notice.message ?? '');
  app.on('notice', onNotice);
  try {
    // Refused to the role itself: PostgreSQL skips the table with a warning rather than fail.
    await app.query('analyze enrolment_months');
    expect(warnings.join(' ')).toMatch(/permission denied|skipping/i);
    warnings.length = 0;
    // Run as the owner: never refused. (A vacuum holding the table makes it skip, with a warning
    // of its own; then it is asked again.)
    const deadline = Date.now() + 10_000;
    do {
      await app.query('select refresh_enrolment_month_statistics()');
      if ((await analyzed()) > before) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    } while (Date.now() < deadline);
    expect(warnings.filter((warning) => /permission denied|owner/i.test(warning))).toEqual([]);
  } finally {
    app.off('notice', onNotice);
  }
  // Payroll tests running beside this one may analyze it too: at least once more, then.
  expect(await analyzed()).toBeGreaterThan(before);
});

test('every table of the schema is the owner role’s, and the application role may only read and write its rows', async () => {
  const tables = await owner.query<{ name: string; owner: string }>(`select tablename as name, tableowner as owner from pg_tables where schemaname = 'public' order by 1`);
  expect(tables.rows.length).toBeGreaterThan(10);
  expect(tables.rows.filter((t) => t.owner !== EMBEDDED_OWNER_USER)).toEqual([]);
  const grants = await owner.query<{ name: string; privileges: string }>(
    `select table_name as name, string_agg(privilege_type, ',' order by privilege_type) as privileges
       from information_schema.role_table_grants where grantee = $1 and table_schema = 'public' group by table_name order by 1`,
    [EMBEDDED_APP_USER],
  );
  expect(grants.rows).toEqual(tables.rows.map((t) => ({ name: t.name, privileges: 'DELETE,INSERT,SELECT,UPDATE' })));
});

test('the owner role migrates: a table it creates is the application role’s to read and write by default privileges, not to drop', async () => {
  const table = uniqueId('owned').replace(/[^a-z0-9]/gi, '_').toLowerCase();
  await owner.query(`create table ${table} (id bigserial primary key, value text not null)`);
  try {
    await app.query(`insert into ${table} (value) values ('a'), ('b')`);
    await app.query(`update ${table} set value = 'c' where value = 'b'`);
    await app.query(`delete from ${table} where value = 'a'`);
    expect((await app.query(`select value from ${table}`)).rows).toEqual([{ value: 'c' }]);
    await expect(app.query(`drop table ${table}`)).rejects.toMatchObject({ code: '42501' });
    await expect(app.query(`alter table ${table} add column other text`)).rejects.toMatchObject({ code: '42501' });
  } finally {
    await owner.query(`drop table ${table}`);
  }
  // And every migration the code knows was applied by it (global setup migrated as the owner).
  const applied = await owner.query<{ name: string }>('select name from kysely_migration order by name');
  expect(applied.rows.map((row) => row.name)).toEqual(Object.keys(migrations).sort());
});

test('a data directory from before the roles is brought in line on its next start: tables to the owner, rows to the application role', async () => {
  // As before the roles: a cluster whose tables the superuser created, and a secrets file without the roles' passwords.
  let server = await startOwnPostgres();
  try {
    const superuser = await connect(server.url);
    await superuser.query('create table from_before (id bigserial primary key, value text)');
    await superuser.query(`insert into from_before (value) values ('kept')`);
    await superuser.end();
    await server.stop();
    const file = secretsPath(server.dataDir);
    const { authSecret, postgresPassword } = JSON.parse(fs.readFileSync(file, 'utf8')) as { authSecret: string; postgresPassword: string };
    fs.writeFileSync(file, JSON.stringify({ authSecret, postgresPassword }), { mode: 0o600 });

    server = await startOwnPostgres({ dataDir: server.dataDir });
    const secrets = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    expect(secrets).toMatchObject({ authSecret, postgresPassword, ownerPassword: expect.any(String), appPassword: expect.any(String) });
    const ownerClient = await connect(server.ownerUrl);
    const appClient = await connect(server.appUrl);
    try {
      expect((await ownerClient.query(`select tableowner from pg_tables where tablename = 'from_before'`)).rows).toEqual([{ tableowner: EMBEDDED_OWNER_USER }]);
      await appClient.query(`insert into from_before (value) values ('new')`);
      expect((await appClient.query('select value from from_before order by id')).rows).toEqual([{ value: 'kept' }, { value: 'new' }]);
      await expect(appClient.query('drop table from_before')).rejects.toMatchObject({ code: '42501' });
      await ownerClient.query('alter table from_before add column other text');
    } finally {
      await ownerClient.end();
      await appClient.end();
    }
  } finally {
    await server.stop();
  }
}, 120_000);
