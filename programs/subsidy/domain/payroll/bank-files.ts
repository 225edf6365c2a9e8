/** What the bank sends back: a result file per batch, and its own books of what it recorded. */
import { parseBankKey } from './bank-key';
import type { PayrollLineRecord } from './line-records';

export type BankOutcome = 'PAID' | 'RETURNED';

export interface BankResult {
  key: string;
  status: BankOutcome;
  amountFen: number;
  /** Why the bank returned the line (a closed account); null when paid. */
  reason: string | null;
  bankReference: string | null;
}

/** The answer to one batch file. */
export interface BankResultFile {
  batchNo: number;
  results: BankResult[];
}

/** One movement in the bank's own books. */
export interface BankRecord {
  key: string;
  status: BankOutcome;
  amountFen: number;
}

/**
 * Why a result file cannot be taken as it is, or undefined when it can: every key must be one of
 * the payroll's lines that went to the bank, once, for the line's amount, and a line the bank
 * already answered must not change its answer.
 */
export function resultFileProblem(file: BankResultFile, records: readonly PayrollLineRecord[]): string | undefined {
  const byKey = new Map(records.map((record) => [record.key, record]));
  const seen = new Set<string>();
  for (const result of file.results) {
    if (parseBankKey(result.key) === undefined) return `not a payroll key: ${result.key}`;
    if (seen.has(result.key)) return `${result.key} is answered twice in batch ${file.batchNo}`;
    seen.add(result.key);
    const record = byKey.get(result.key);
    if (record === undefined || record.status === 'DRAFT' || record.status === 'DROPPED') return `${result.key} was not sent to the bank in this payroll`;
    if (result.amountFen !== record.amountFen) return `${result.key} came back for ${result.amountFen} fen; the line is ${record.amountFen} fen`;
    if (record.status !== 'SENT' && record.status !== result.status) return `${result.key} was already ${record.status}; the bank now says ${result.status}`;
    if (result.status === 'RETURNED' && (result.reason === null || result.reason.trim() === '')) return `${result.key} came back returned without a reason`;
  }
  return undefined;
}
