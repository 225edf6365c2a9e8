import type { PayrollView } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { DownloadButton } from './DownloadButton';
import { ExportCsvButton } from './ExportCsvButton';
import { mayDownloadBankFile } from './whoMay';

/**
 * The payroll's files: the roster (numbers masked) as CSV and as a spreadsheet for whoever reads
 * payrolls, and — for finance, once the payroll is approved — the bank file with the full account
 * numbers, as CSV and as a spreadsheet. The server records every bank file download.
 */
export function PayrollFiles({ view, onBankFileSaved }: { view: PayrollView; onBankFileSaved?: () => void }) {
  const { t } = useI18n();
  const { api, session } = useAuth();
  const { payrollId } = view;
  return (
    <>
      <ExportCsvButton payrollId={payrollId} />
      <DownloadButton fetchFile={() => api.payrollXlsx(payrollId)} fileName={`发放名册-${payrollId}.xlsx`} testId="payroll-export-xlsx">
        {t('payroll.exportXlsx')}
      </DownloadButton>
      {session && mayDownloadBankFile(session.role, view.stage) && (
        <>
          <DownloadButton fetchFile={() => api.payrollBankFile(payrollId, 'csv')} fileName={`银行代发-${payrollId}.csv`} testId="payroll-bank-file-csv" onSaved={onBankFileSaved}>
            {t('payroll.bankFileCsv')}
          </DownloadButton>
          <DownloadButton fetchFile={() => api.payrollBankFile(payrollId, 'xlsx')} fileName={`银行代发-${payrollId}.xlsx`} testId="payroll-bank-file-xlsx" onSaved={onBankFileSaved}>
            {t('payroll.bankFileXlsx')}
          </DownloadButton>
        </>
      )}
    </>
  );
}
