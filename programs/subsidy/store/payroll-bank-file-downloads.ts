/**
 * `payroll_bank_file_downloads`: every download of a payroll's bank file, which holds full account
 * numbers — who, with which role, when, as what. Written before the file is sent, so that a file
 * that left is always on record; only added to, never changed.
 */
import type { Executor } from './executor';

export type BankFileFormat = 'csv' | 'xlsx';

export interface BankFileDownload {
  payrollId: string;
  downloadedBy: string;
  role: string;
  format: BankFileFormat;
  downloadedAt: string;
}

export async function recordBankFileDownload(db: Executor, download: Omit<BankFileDownload, 'downloadedAt'>): Promise<void> {
  await db
    .insertInto('payroll_bank_file_downloads')
    .values({ payroll_id: download.payrollId, downloaded_by: download.downloadedBy, role: download.role, format: download.format })
    .execute();
}

/** The payroll's bank file downloads, oldest first. */
export async function bankFileDownloadsOf(db: Executor, payrollId: string): Promise<BankFileDownload[]> {
  const rows = await db
    .selectFrom('payroll_bank_file_downloads')
    .select(['payroll_id', 'downloaded_by', 'role', 'format', 'downloaded_at'])
    .where('payroll_id', '=', payrollId)
    .orderBy('download_id')
    .execute();
  return rows.map((row) => ({ payrollId: row.payroll_id, downloadedBy: row.downloaded_by, role: row.role, format: row.format, downloadedAt: row.downloaded_at.toISOString() }));
}
