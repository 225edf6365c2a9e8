/**
 * The sandbox bank's books on PostgreSQL: a key sent again by the same payroll gets its first
 * answer; a key the bank has paid is never booked again, whichever payroll sends it; a key it
 * returned may be paid by a later payroll (the account was corrected).
 */
import { bookPayment, bookPayments, listSandboxBankRecords } from '../../../../programs/subsidy/store/sandbox-bank';
import { testDb, uniqueId } from '../../../support/stack';

const db = testDb();

test('one answer per payroll and key, one payment per key', async () => {
  const key = `NURSING_SUBSIDY:${uniqueId('en')}:2026-05`;
  const may = uniqueId('payroll-may');
  const june = uniqueId('payroll-june');
  const returned = await bookPayment(db, { key, payrollId: may, batchNo: 1, amountFen: 10000 }, { status: 'RETURNED', reason: 'ACCOUNT_CLOSED' });
  expect(returned).toMatchObject({ key, status: 'RETURNED', reason: 'ACCOUNT_CLOSED', amountFen: 10000 });
  // The same batch again, told to pay this time: the first answer stands.
  const again = await bookPayment(db, { key, payrollId: may, batchNo: 1, amountFen: 10000 }, { status: 'PAID', reason: null });
  expect(again).toEqual(returned);
  // A later payroll pays it; any further attempt finds that payment.
  const paid = await bookPayment(db, { key, payrollId: june, batchNo: 1, amountFen: 10000 }, { status: 'PAID', reason: null });
  expect(paid).toMatchObject({ status: 'PAID', payrollId: june });
  const twice = await Promise.all([1, 2, 3].map(() => bookPayment(db, { key, payrollId: uniqueId('payroll-july'), batchNo: 1, amountFen: 10000 }, { status: 'PAID', reason: null })));
  for (const answer of twice) expect(answer).toEqual(paid);
  const books = [...(await listSandboxBankRecords(db, may, 100)), ...(await listSandboxBankRecords(db, june, 100))];
  expect(books.map((record) => record.status)).toEqual(['RETURNED', 'PAID']);
});

test('a file is booked in one go, in its order: sent again (even at the same time) it books nothing more', async () => {
  const payrollId = uniqueId('payroll-august');
  const keys = Array.from({ length: 1500 }, (_, i) => `NURSING_SUBSIDY:${uniqueId(`en${i}`)}:2026-08`);
  // One of them was paid by an earlier payroll: the file gets that payment back, not a second one.
  const earlier = await bookPayment(db, { key: keys[7]!, payrollId: uniqueId('payroll-july'), batchNo: 3, amountFen: 10000 }, { status: 'PAID', reason: null });
  const file = keys.map((key, i) => ({
    order: { key, payrollId, batchNo: 1, amountFen: 10000 },
    outcome: i % 10 === 3 ? ({ status: 'RETURNED', reason: 'ACCOUNT_CLOSED' } as const) : ({ status: 'PAID', reason: null } as const),
  }));
  const [first, second] = await Promise.all([bookPayments(db, payrollId, file), bookPayments(db, payrollId, file)]);
  expect(first.map((record) => record.key)).toEqual(keys);
  expect(second).toEqual(first);
  expect(first[7]).toEqual(earlier);
  expect(first[3]).toMatchObject({ status: 'RETURNED', reason: 'ACCOUNT_CLOSED', payrollId });
  const again = await bookPayments(db, payrollId, file.map(({ order }) => ({ order, outcome: { status: 'PAID', reason: null } })));
  expect(again).toEqual(first);
  const books = await listSandboxBankRecords(db, payrollId, 10_000);
  expect(books).toHaveLength(keys.length - 1);
  expect(books.filter((record) => record.status === 'PAID').reduce((sum, record) => sum + record.amountFen, 0)).toBe(10000 * (keys.length - 1 - 150));
});
