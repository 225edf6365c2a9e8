/**
 * The sandbox bank: answers from its own books (programs/subsidy/store/sandbox-bank.ts), switched
 * up, down or flaky by an administrator, with a latency and a list of closed accounts.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../store/schema';
import type { BankRecord, BankResultFile } from '../../domain/index';
import { bookPayments, getSandboxBankSetting, listSandboxBankRecords } from '../../store/sandbox-bank';
import { ACCOUNT_CLOSED, type PayrollBank, type PayrollBatchFile } from './payroll-bank';

export class SandboxBankUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxBankUnavailable';
  }
}

export class SandboxBank implements PayrollBank {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly random: () => number = Math.random,
  ) {}

  async pay(file: PayrollBatchFile): Promise<BankResultFile> {
    const setting = await getSandboxBankSetting(this.db);
    if (setting.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, setting.latencyMs));
    if (setting.mode === 'down') throw new SandboxBankUnavailable('the sandbox bank is down');
    if (setting.mode === 'flaky' && this.random() < setting.failureRate) throw new SandboxBankUnavailable('the sandbox bank failed this call (flaky)');
    const closed = new Set(setting.returnAccounts);
    const records = await bookPayments(
      this.db,
      file.payrollId,
      file.lines.map((line) => ({
        order: { key: line.key, payrollId: file.payrollId, batchNo: file.batchNo, amountFen: line.amountFen },
        outcome: closed.has(line.account.accountNo) ? { status: 'RETURNED', reason: ACCOUNT_CLOSED } : { status: 'PAID', reason: null },
      })),
    );
    const results: BankResultFile['results'] = records.map((record) => ({ key: record.key, status: record.status, amountFen: record.amountFen, reason: record.reason, bankReference: record.reference }));
    return { batchNo: file.batchNo, results };
  }

  async books(payrollId: string): Promise<BankRecord[]> {
    const records = await listSandboxBankRecords(this.db, payrollId, 1_000_000);
    return records.map((record) => ({ key: record.key, status: record.status, amountFen: record.amountFen }));
  }
}
