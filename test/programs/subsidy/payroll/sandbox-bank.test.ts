/**
 * The sandbox bank's books on PostgreSQL: a key sent again by the same payroll gets its first
 * answer; a key the bank has paid is never booked again, whichever payroll sends it; a key it
 * returned may be paid by a later payroll (the account was corrected).
 */
import { bookPayment, listSandboxBankRecords } from '../../../../programs/subsidy/store/sandbox-bank';
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
