import { useState } from 'react';
import { App as AntApp, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { describePayrollError } from './payrollProblems';

/**
 * Downloads the roster (export.csv) under the payroll's name. The route needs the bearer token, so a
 * plain link cannot fetch it: the CSV is fetched here and saved from a blob URL, as the server sent it
 * (UTF-8 with its byte-order mark, numbers masked).
 */
export function ExportCsvButton({ payrollId }: { payrollId: string }) {
  const { t } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const { message } = AntApp.useApp();
  const [loading, setLoading] = useState(false);

  const download = async () => {
    setLoading(true);
    try {
      // Reading the body as text drops the byte-order mark; a spreadsheet needs it to read the Chinese.
      const csv = await api.payrollCsv(payrollId);
      const url = URL.createObjectURL(new Blob([csv.startsWith('\uFEFF') ? csv : `\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `发放名册-${payrollId}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      void message.error(describePayrollError(t, error, labels.payrollStage));
    } finally {
      setLoading(false);
    }
  };

  return (
    <Button icon={<DownloadOutlined />} loading={loading} onClick={() => void download()} data-testid="payroll-export">
      {t('payroll.export')}
    </Button>
  );
}
