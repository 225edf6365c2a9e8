import { Table, Tag } from 'antd';
import { formatYuan } from '@domain/money';
import type { EnrolmentMonthView } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';

const STATUS_COLORS: Record<EnrolmentMonthView['status'], string> = {
  PAID: 'green',
  IN_PAYROLL: 'blue',
  PAYABLE: 'default',
  SUSPENDED: 'orange',
  RETURNED: 'red',
};

/** Every month owed so far with its amount and what the payroll did with it; three columns fit a phone. */
export function MonthsGrid({ months }: { months: EnrolmentMonthView[] }) {
  const { t } = useI18n();
  const labels = useLabels();
  return (
    <Table<EnrolmentMonthView>
      rowKey="month"
      size="small"
      dataSource={months}
      pagination={months.length > 24 ? { pageSize: 24, hideOnSinglePage: true } : false}
      locale={{ emptyText: t('enrolment.noMonths') }}
      columns={[
        { title: t('enrolment.month'), dataIndex: 'month' },
        { title: t('enrolment.amount'), align: 'right', render: (_, month) => <span style={{ whiteSpace: 'nowrap' }}>{formatYuan(month.amountFen)}</span> },
        {
          title: t('enrolment.monthStatus'),
          render: (_, month) => (
            <Tag color={STATUS_COLORS[month.status]} data-testid={`month-status-${month.month}`}>
              {labels.monthStatus(month.status)}
            </Tag>
          ),
        },
      ]}
    />
  );
}
