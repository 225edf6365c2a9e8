/**
 * The sandbox bank: its switches (up, down, flaky, latency, accounts whose lines come back
 * returned) and its own books. The books answer a key once per payroll and pay a key once ever: a
 * batch sent again gets the earlier answers, never a second record.
 */
import { randomUUID } from 'node:crypto';
import type { BankOutcome } from '../domain/index';
import type { Executor } from './executor';

export interface SandboxBankSetting {
  mode: 'up' | 'down' | 'flaky';
  failureRate: number;
  latencyMs: number;
  /** Account numbers whose lines come back RETURNED (a closed account). */
  returnAccounts: string[];
}

export const BANK_UP: SandboxBankSetting = { mode: 'up', failureRate: 0, latencyMs: 0, returnAccounts: [] };

const SANDBOX_BANK = 'sandbox';

export async function getSandboxBankSetting(db: Executor): Promise<SandboxBankSetting> {
  const row = await db.selectFrom('sandbox_bank_settings').selectAll().where('bank', '=', SANDBOX_BANK).executeTakeFirst();
  if (!row) return BANK_UP;
  return { mode: row.mode as SandboxBankSetting['mode'], failureRate: row.failure_rate, latencyMs: row.latency_ms, returnAccounts: row.return_accounts as string[] };
}

export async function putSandboxBankSetting(db: Executor, setting: SandboxBankSetting): Promise<SandboxBankSetting> {
  const values = { mode: setting.mode, failure_rate: setting.failureRate, latency_ms: setting.latencyMs, return_accounts: JSON.stringify(setting.returnAccounts), updated_at: new Date() };
  await db
    .insertInto('sandbox_bank_settings')
    .values({ bank: SANDBOX_BANK, ...values })
    .onConflict((oc) => oc.column('bank').doUpdateSet(values))
    .execute();
  return setting;
}

export interface SandboxBankRecord {
  key: string;
  payrollId: string;
  batchNo: number;
  status: BankOutcome;
  amountFen: number;
  reason: string | null;
  reference: string;
  recordedAt: string;
}

type RecordRow = { key: string; payroll_id: string; batch_no: number; status: BankOutcome; amount_fen: number; reason: string | null; reference: string; recorded_at: Date };

function recordOf(row: RecordRow): SandboxBankRecord {
  return {
    key: row.key,
    payrollId: row.payroll_id,
    batchNo: row.batch_no,
    status: row.status,
    amountFen: Number(row.amount_fen),
    reason: row.reason,
    reference: row.reference,
    recordedAt: row.recorded_at.toISOString(),
  };
}

const COLUMNS = ['key', 'payroll_id', 'batch_no', 'status', 'amount_fen', 'reason', 'reference', 'recorded_at'] as const;

export interface SandboxPaymentOrder {
  key: string;
  payrollId: string;
  batchNo: number;
  amountFen: number;
}

export type SandboxOutcome = { status: BankOutcome; reason: string | null };

/**
 * Books one payment order, or finds the answer already given: a key the bank has paid (in any
 * payroll) answers with that payment; a key this payroll sent before answers as it did then;
 * otherwise `outcome` is recorded.
 */
export async function bookPayment(db: Executor, order: SandboxPaymentOrder, outcome: SandboxOutcome): Promise<SandboxBankRecord> {
  const [record] = await bookPayments(db, order.payrollId, [{ order, outcome }]);
  return record!;
}

/**
 * Books a file's payment orders (one payroll's) as `bookPayment` books one, answering each in the
 * file's order, in three statements whatever the file's size: the answers already given are read,
 * the others inserted in one multi-row `INSERT … ON CONFLICT DO NOTHING RETURNING`, and those an
 * attempt running at the same time booked first (the insert skipped them) read again. The unique
 * (payroll, key) and the partial unique index on PAID keys keep a file sent twice booked once.
 */
export async function bookPayments(db: Executor, payrollId: string, orders: readonly { order: SandboxPaymentOrder; outcome: SandboxOutcome }[]): Promise<SandboxBankRecord[]> {
  if (orders.some(({ order }) => order.payrollId !== payrollId)) throw new Error(`a file of payroll ${payrollId} carries another payroll's order`);
  const answers = new Map<string, SandboxBankRecord>();
  /** The earliest record that answers each key: its PAID record in any payroll, or this payroll's. */
  const readEarlier = async (keys: readonly string[]) => {
    for (let start = 0; start < keys.length; start += BOOK_CHUNK) {
      const rows = await db
        .selectFrom('sandbox_bank_records')
        .select(COLUMNS)
        .where('key', 'in', keys.slice(start, start + BOOK_CHUNK))
        .where((eb) => eb.or([eb('status', '=', 'PAID'), eb('payroll_id', '=', payrollId)]))
        .orderBy('record_id')
        .execute();
      for (const row of rows) if (!answers.has(row.key)) answers.set(row.key, recordOf(row as RecordRow));
    }
  };
  await readEarlier(orders.map(({ order }) => order.key));
  const fresh = orders.filter(({ order }) => !answers.has(order.key));
  for (let start = 0; start < fresh.length; start += BOOK_CHUNK) {
    const inserted = await db
      .insertInto('sandbox_bank_records')
      .values(
        fresh.slice(start, start + BOOK_CHUNK).map(({ order, outcome }) => ({
          key: order.key,
          payroll_id: order.payrollId,
          batch_no: order.batchNo,
          status: outcome.status,
          amount_fen: order.amountFen,
          reason: outcome.reason,
          reference: `SB-${randomUUID()}`,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .returning(COLUMNS)
      .execute();
    for (const row of inserted) answers.set(row.key, recordOf(row as RecordRow));
  }
  // Another attempt booked some between the statements: its answers stand.
  const raced = orders.filter(({ order }) => !answers.has(order.key)).map(({ order }) => order.key);
  if (raced.length > 0) await readEarlier(raced);
  return orders.map(({ order }) => {
    const answer = answers.get(order.key);
    if (!answer) throw new Error(`the sandbox bank lost the record of ${order.key}`);
    return answer;
  });
}

/** Orders per statement: seven parameters each, well under PostgreSQL's 65,535. */
const BOOK_CHUNK = 1000;

/** The bank's books, oldest first; one payroll's or all. */
export async function listSandboxBankRecords(db: Executor, payrollId: string | undefined, limit: number): Promise<SandboxBankRecord[]> {
  let query = db.selectFrom('sandbox_bank_records').select(COLUMNS);
  if (payrollId !== undefined) query = query.where('payroll_id', '=', payrollId);
  const rows = await query.orderBy('record_id').limit(limit).execute();
  return rows.map((row) => recordOf(row as RecordRow));
}
