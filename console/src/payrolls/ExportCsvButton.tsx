import { useState } from 'react';
import { App as AntApp, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { describePayrollError } from './payrollProblems';
import { saveCsv } from '../components/saveCsv';

/** Downloads the roster (export.csv, numbers masked by the server) under the payroll's name. */
export function ExportCsvButton({ payrollId }: { payrollId: string }) {
  const { t } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const { message } = AntApp.useApp();
  const [loading, setLoading] = useState(false);

  const download = async () => {
    setLoading(true);
    try {
      saveCsv(await api.payrollCsv(payrollId), `发放名册-${payrollId}.csv`);
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
