import { Table } from 'antd';
import type { PayrollView } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';

type Dropped = PayrollView['dropped'][number];

/** Lines the check at approval took out, each with the reason in the reader's language (the server's text). */
export function DroppedLines({ dropped }: { dropped: PayrollView['dropped'] }) {
  const { t } = useI18n();
  return (
    <Table<Dropped>
      size="small"
      data-testid="payroll-dropped"
      rowKey={(line) => `${line.enrolmentId}:${line.month}`}
      dataSource={dropped}
      pagination={false}
      scroll={{ x: 500 }}
      columns={[
        { title: t('payroll.enrolmentId'), dataIndex: 'enrolmentId' },
        { title: t('payroll.month'), dataIndex: 'month' },
        { title: t('payroll.reason'), dataIndex: 'reasonText' },
      ]}
    />
  );
}
