import { List } from 'antd';
import type { PayrollView } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { formatDateTime } from '../components/datetime';

/** Every time finance sent the payroll back, with who, when and why (oldest first, as the server keeps them). */
export function RejectionsList({ rejections }: { rejections: PayrollView['rejections'] }) {
  const { t, language } = useI18n();
  return (
    <List
      size="small"
      data-testid="payroll-rejections"
      dataSource={rejections}
      renderItem={(rejection) => <List.Item>{t('payroll.rejectionLine', { at: formatDateTime(rejection.at, language), by: rejection.by, reason: rejection.reason })}</List.Item>}
    />
  );
}
