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

/**
 * Books one payment order, or finds the answer already given: a key the bank has paid (in any
 * payroll) answers with that payment; a key this payroll sent before answers as it did then;
 * otherwise `outcome` is recorded.
 */
export async function bookPayment(
  db: Executor,
  order: { key: string; payrollId: string; batchNo: number; amountFen: number },
  outcome: { status: BankOutcome; reason: string | null },
): Promise<SandboxBankRecord> {
  const earlier = async () =>
    db
      .selectFrom('sandbox_bank_records')
      .select(COLUMNS)
      .where('key', '=', order.key)
      .where((eb) => eb.or([eb('status', '=', 'PAID'), eb('payroll_id', '=', order.payrollId)]))
      .orderBy('record_id')
      .executeTakeFirst();
  const found = await earlier();
  if (found) return recordOf(found as RecordRow);
  const inserted = await db
    .insertInto('sandbox_bank_records')
    .values({ key: order.key, payroll_id: order.payrollId, batch_no: order.batchNo, status: outcome.status, amount_fen: order.amountFen, reason: outcome.reason, reference: `SB-${randomUUID()}` })
    .onConflict((oc) => oc.doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
  if (inserted) return recordOf(inserted as RecordRow);
  // Another attempt booked it between the two statements: its answer stands.
  const raced = await earlier();
  if (!raced) throw new Error(`the sandbox bank lost the record of ${order.key}`);
  return recordOf(raced as RecordRow);
}

/** The bank's books, oldest first; one payroll's or all. */
export async function listSandboxBankRecords(db: Executor, payrollId: string | undefined, limit: number): Promise<SandboxBankRecord[]> {
  let query = db.selectFrom('sandbox_bank_records').select(COLUMNS);
  if (payrollId !== undefined) query = query.where('payroll_id', '=', payrollId);
  const rows = await query.orderBy('record_id').limit(limit).execute();
  return rows.map((row) => recordOf(row as RecordRow));
}
