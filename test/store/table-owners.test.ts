/**
 * One owner per table: every statement that names a table lives in that table's owner, so that a
 * table's rules (who writes it, in which transaction, with which lock) are read in one place and
 * the API and the worker share them. A program's tables are owned by its store/ folder; a shared
 * table by its one module in store/.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const PRODUCT_FOLDERS = ['domain', 'programs', 'config', 'codec', 'temporal', 'store', 'http', 'api', 'worker', 'bin', 'dev'];
/** Migrations describe the tables' history and are frozen in time: they name every table. */
const MIGRATIONS = 'store/migrations/';

const SURGERY_STORE = 'programs/surgery/store/';
const SUBSIDY_STORE = 'programs/subsidy/store/';
const PAIRING_STORE = 'programs/pairing/store/';
const OWNERS: Record<string, string> = {
  case_events: SURGERY_STORE,
  cases: SURGERY_STORE,
  claims: SURGERY_STORE,
  case_registrations: SURGERY_STORE,
  sandbox_payer_settings: SURGERY_STORE,
  sandbox_claims: SURGERY_STORE,
  activity_failures: SURGERY_STORE,
  claim_proposals: SURGERY_STORE,
  payment_discrepancies: SURGERY_STORE,
  persons: 'store/persons.ts',
  case_persons: SURGERY_STORE,
  person_life_events: 'store/persons.ts',
  users: 'store/users.ts',
  revoked_tokens: 'store/users.ts',
  sign_in_audit: 'store/users.ts',
  enrolment_events: SUBSIDY_STORE,
  enrolments: SUBSIDY_STORE,
  enrolment_months: SUBSIDY_STORE,
  subsidy_policies: SUBSIDY_STORE,
  pairing_events: PAIRING_STORE,
  pairings: PAIRING_STORE,
  pairing_notes: PAIRING_STORE,
  pairing_activity_failures: PAIRING_STORE,
  enrolment_activity_failures: SUBSIDY_STORE,
  payrolls: 'programs/subsidy/store/payrolls.ts',
  payroll_lines: 'programs/subsidy/store/payroll-lines.ts',
  payroll_bank_file_downloads: 'programs/subsidy/store/payroll-bank-file-downloads.ts',
  sandbox_bank_settings: 'programs/subsidy/store/sandbox-bank.ts',
  sandbox_bank_records: 'programs/subsidy/store/sandbox-bank.ts',
  life_event_batches: 'store/life-event-batches.ts',
  life_event_batch_rows: 'store/life-event-batches.ts',
};

/** Statements outside their table's owner, each with the reason it is allowed (none today). */
const TEMPORARY_EXCEPTIONS: Record<string, readonly string[]> = {};

/** kysely's builders that take a table name, and the table words of raw `sql` templates. */
const BUILDER_TABLE = /\.(?:selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin|using)\(\s*['"`]([a-z_]+)/g;
const SQL_TEMPLATE = /\bsql(?:<[^>]*>)?`([^`]*)`/g;
const SQL_TABLE_WORD = /\b(?:from|join|into|update|table)\s+"?([a-z_]+)/gi;
const SQL_TABLE_HELPER = /\bsql\.table\(\s*['"`]([a-z_]+)/g;

function tablesNamedIn(source: string): Set<string> {
  const names = new Set<string>();
  for (const match of source.matchAll(BUILDER_TABLE)) names.add(match[1]!);
  for (const match of source.matchAll(SQL_TABLE_HELPER)) names.add(match[1]!);
  for (const template of source.matchAll(SQL_TEMPLATE)) {
    for (const match of template[1]!.matchAll(SQL_TABLE_WORD)) names.add(match[1]!.toLowerCase());
  }
  return names;
}

function productFiles(): string[] {
  const files: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.ts')) files.push(child);
    }
  };
  for (const folder of PRODUCT_FOLDERS) walk(folder);
  return files;
}

function databaseTables(): string[] {
  const schema = fs.readFileSync(path.join(ROOT, 'store/schema.ts'), 'utf8');
  const body = /export interface Database \{([^}]*)\}/.exec(schema)?.[1] ?? '';
  return [...body.matchAll(/^\s*([a-z_]+):/gm)].map((match) => match[1]!);
}

const isOwner = (file: string, owner: string) => (owner.endsWith('/') ? file.startsWith(owner) : file === owner);

test('the scanner sees builder calls, joins and raw SQL', () => {
  const sample = [
    "db.selectFrom('cases as c').innerJoin('claims as k', 'k.case_id', 'c.case_id')",
    "trx.insertInto('persons').values(row)",
    'sql`update users set disabled = true`',
    "sql<number>`select count(*) from case_events where case_id = ${id}`",
  ].join('\n');
  expect([...tablesNamedIn(sample)].sort()).toEqual(['case_events', 'cases', 'claims', 'persons', 'users']);
});

test('every table has an owner', () => {
  const tables = databaseTables();
  expect(tables.length).toBeGreaterThan(10);
  expect(tables.filter((table) => !(table in OWNERS))).toEqual([]);
});

test('each table is named only by its owner (migrations aside)', () => {
  const strays: string[] = [];
  const seenInOwner = new Set<string>();
  const tables = new Set(databaseTables());
  for (const file of productFiles()) {
    if (file.startsWith(MIGRATIONS)) continue;
    const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const table of tablesNamedIn(source)) {
      if (!tables.has(table)) continue;
      const owner = OWNERS[table]!;
      if (isOwner(file, owner)) seenInOwner.add(table);
      else if (!TEMPORARY_EXCEPTIONS[file]?.includes(table)) strays.push(`${file} names ${table}, owned by ${owner}`);
    }
  }
  expect(strays).toEqual([]);
  // An owner that no longer touches its table means the map above is stale.
  expect([...tables].filter((table) => !seenInOwner.has(table))).toEqual([]);
});
