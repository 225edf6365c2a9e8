/**
 * No ID number and no bank account in clear anywhere in PostgreSQL: after persons, a surgery case
 * and subsidy enrolments (with a change of account) went through the real API and worker, the
 * text of every row of every table is searched for them. The blind index still finds a person by
 * ID number and still refuses a second person with the same one, and a key rotation (a new current
 * key added) leaves every row written before it readable.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { parseKeyList } from '../../codec/keyring';
import { findPersonById, findPersonByIdNumber } from '../../store/persons';
import { useFieldKeys } from '../../store/sealed-columns';
import { readEnrolmentState } from '../../programs/subsidy/store/enrolments';
import { listEnrolmentEvents } from '../../programs/subsidy/store/enrolment-events';
import { findCaseState } from '../../programs/surgery/store/cases';
import { eventually } from '../support/eventually';
import { uniqueId } from '../support/stack';
import { idNumber, newCase } from '../api/fixtures';
import { startApiHarness, type ApiHarness } from '../api/harness';

let api: ApiHarness;
let officer: string;
let admin: string;
let finance: string;

beforeAll(async () => {
  api = await startApiHarness({ worker: true, env: { SUBSIDY_NOTICE: '2s' } });
  officer = await api.token('officer');
  admin = await api.token('admin');
  finance = await api.token('finance');
}, 120_000);
afterAll(async () => {
  useFieldKeys(undefined);
  await api?.close();
}, 120_000);

/** A card number no other test uses: 19 digits. */
function accountNumber(): string {
  return `6228${String(Math.floor(Math.random() * 1e15)).padStart(15, '0')}`;
}

function personBody(number: string, name: string, personId = uniqueId('ps')) {
  return { personId, idNumber: number, name, town: '黄羊镇', assistanceCategory: 'DIBAO', disability: { certificateNo: 'CDPF-62060200099', category: 'PHYSICAL', grade: 1, longTermCare: true } };
}

async function registerPerson(number: string, name: string): Promise<string> {
  const body = personBody(number, name);
  const personId = body.personId;
  const response = await api.call({ method: 'POST', url: '/v1/persons', token: officer, payload: body });
  expect(response.statusCode).toBe(201);
  return personId;
}

async function enrol(personId: string, account: string): Promise<string> {
  const enrolmentId = uniqueId('en');
  const body = { enrolmentId, program: 'NURSING_SUBSIDY', personId, appliedOn: '2026-09-15', bankAccount: { bank: '农村信用社凉州支行', accountNo: account } };
  const response = await api.call({ method: 'POST', url: '/v1/enrolments', token: officer, payload: body });
  expect(response.statusCode).toBe(201);
  return enrolmentId;
}

/** Every row of every table of the schema, as PostgreSQL writes it as text. */
async function everyRowAsText(): Promise<string> {
  const tables = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public' order by 1`.execute(api.db);
  expect(tables.rows.map((t) => t.name)).toEqual(expect.arrayContaining(['persons', 'enrolments', 'enrolment_events', 'cases', 'case_events', 'case_registrations']));
  const parts: string[] = [];
  for (const { name } of tables.rows) {
    const rows = await sql<{ text: string }>`select t::text as text from ${sql.table(name)} t`.execute(api.db);
    parts.push(`${name}:\n${rows.rows.map((r) => r.text).join('\n')}`);
  }
  return parts.join('\n');
}

test('after persons, a case and enrolments, no row of any table holds an ID number or a bank account in clear', async () => {
  const marker = `隐私${randomBytes(3).toString('hex')}`;
  const numbers = [idNumber(), idNumber(), idNumber()];
  const accounts = [accountNumber(), accountNumber(), accountNumber()];
  const [first, second] = [await registerPerson(numbers[0]!, `${marker}甲`), await registerPerson(numbers[1]!, `${marker}乙`)];
  const enrolments = [await enrol(first, accounts[0]!), await enrol(second, accounts[1]!)];
  // A change of account: the event and the read model carry the new one.
  expect((await api.call({ method: 'POST', url: `/v1/enrolments/${enrolments[1]}/bank-account`, token: officer, payload: { bank: '邮储银行', accountNo: accounts[2] } })).statusCode).toBe(200);
  // A surgery case for a third person (the registry registers them from the applicant).
  const opening = newCase();
  const opened = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: { ...opening, applicant: { ...opening.applicant, idNumber: numbers[2], name: `${marker}丙` } } });
  expect(opened.statusCode).toBe(201);

  // Everything is written: read models projected, the account changed.
  await eventually('read models written', async () => {
    const changed = await readEnrolmentState(api.db, enrolments[1]!);
    const ready = (await readEnrolmentState(api.db, enrolments[0]!)) && changed?.bankAccount.accountNo === accounts[2] && (await findCaseState(api.db, opening.caseId!));
    return ready ? true : undefined;
  });

  const dump = await everyRowAsText();
  expect(dump).toContain(marker); // the rows of this test are in it
  for (const value of [...numbers, ...accounts]) expect(dump).not.toContain(value);
  // Nor the first 14 characters of either (an ID number's birth date and region, most of a card).
  for (const value of [...numbers, ...accounts]) expect(dump).not.toContain(value.slice(0, 14));

  // … and every owner module gives them back in clear.
  expect((await findPersonById(api.db, first))?.id_number).toBe(numbers[0]);
  expect((await readEnrolmentState(api.db, enrolments[0]!))?.bankAccount.accountNo).toBe(accounts[0]);
  expect((await listEnrolmentEvents(api.db, enrolments[1]!)).find((e) => e.type === 'BankAccountChanged')?.data).toEqual({ bank: '邮储银行', accountNo: accounts[2] });
  expect((await findCaseState(api.db, opening.caseId!))?.applicant.idNumber).toBe(numbers[2]);
  const asFinance = await api.call({ method: 'GET', url: `/v1/enrolments/${enrolments[0]}`, token: finance });
  expect(asFinance.json().bankAccount.accountNo).toBe(accounts[0]);
}, 120_000);

test('the lookup by ID number and the one-person-per-ID-number rule work through the blind index', async () => {
  const number = idNumber();
  const personId = await registerPerson(number, '查找');
  const found = await api.call({ method: 'POST', url: '/v1/persons/lookup', token: admin, payload: { idNumber: number } });
  expect(found.statusCode).toBe(200);
  expect(found.json()).toMatchObject({ personId, idNumber: number });
  const again = await api.call({ method: 'POST', url: '/v1/persons', token: officer, payload: personBody(number, '另一人') });
  expect(again.statusCode).toBe(409);
  expect(again.body).not.toContain(number);
  // Concurrent registrations of one ID number: one person, whatever the interleaving.
  const racing = idNumber();
  const answers = await Promise.all(
    [1, 2, 3, 4].map((i) => api.call({ method: 'POST', url: '/v1/persons', token: officer, payload: personBody(racing, '并发', uniqueId(`race${i}`)) })),
  );
  expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409]);
  expect((await findPersonByIdNumber(api.db, racing))?.id_number).toBe(racing);
});

test('after a rotation (a new current key added) rows sealed before it still open, and new rows use the new key', async () => {
  const before = idNumber();
  const beforeAccount = accountNumber();
  const oldPerson = await registerPerson(before, '轮换前');
  const oldEnrolment = await enrol(oldPerson, beforeAccount);
  await eventually('enrolment written', async () => (await readEnrolmentState(api.db, oldEnrolment)) ?? undefined);
  const oldRow = await api.db.selectFrom('persons').select('id_number_sealed').where('person_id', '=', oldPerson).executeTakeFirstOrThrow();
  const oldKeyId = oldRow.id_number_sealed.split('.')[1]!;

  // The API and the worker of this file run in this process: they take the new keys at once.
  const newKeyId = `rotated-${Date.now().toString(36)}`;
  useFieldKeys(parseKeyList(`${process.env.PAYLOAD_KEYS},${newKeyId}:${randomBytes(32).toString('base64')}`, newKeyId));

  const read = await api.call({ method: 'POST', url: '/v1/persons/lookup', token: admin, payload: { idNumber: before } });
  expect(read.statusCode).toBe(200);
  expect(read.json()).toMatchObject({ personId: oldPerson, idNumber: before });
  expect((await readEnrolmentState(api.db, oldEnrolment))?.bankAccount.accountNo).toBe(beforeAccount);

  const after = idNumber();
  const newPerson = await registerPerson(after, '轮换后');
  const newRow = await api.db.selectFrom('persons').select('id_number_sealed').where('person_id', '=', newPerson).executeTakeFirstOrThrow();
  expect(oldKeyId).not.toBe(newKeyId);
  expect(newRow.id_number_sealed.startsWith(`s1.${newKeyId}.`)).toBe(true);
  expect((await findPersonById(api.db, newPerson))?.id_number).toBe(after);
  // The old person is still one ID number: registering it again is refused (the blind index did not move).
  const duplicate = await api.call({ method: 'POST', url: '/v1/persons', token: officer, payload: personBody(before, '重复') });
  expect(duplicate.statusCode).toBe(409);
  // An account changed after the rotation is sealed with the new key and opens.
  const newAccount = accountNumber();
  expect((await api.call({ method: 'POST', url: `/v1/enrolments/${oldEnrolment}/bank-account`, token: officer, payload: { bank: '邮储银行', accountNo: newAccount } })).statusCode).toBe(200);
  const changed = await eventually('account changed', async () => ((await readEnrolmentState(api.db, oldEnrolment))?.bankAccount.accountNo === newAccount ? true : undefined));
  expect(changed).toBe(true);
  const stored = await api.db.selectFrom('enrolments').select('bank_account').where('enrolment_id', '=', oldEnrolment).executeTakeFirstOrThrow();
  expect(stored.bank_account.startsWith(`s1.${newKeyId}.`)).toBe(true);
}, 120_000);
