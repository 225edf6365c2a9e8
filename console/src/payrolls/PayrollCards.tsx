import { Card, List, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatYuan } from '@domain/money';
import type { PayrollView } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { PayrollStageTag } from './PayrollStageTag';

/** The payroll list on a phone: one card per month, the figure and the stage at a glance. */
export function PayrollCards({ items, loading }: { items: PayrollView[]; loading: boolean }) {
  const { t } = useI18n();
  const labels = useLabels();
  return (
    <List
      loading={loading}
      dataSource={items}
      locale={{ emptyText: t('payrolls.empty') }}
      renderItem={(item) => (
        <List.Item style={{ padding: '4px 0' }}>
          <Card size="small" style={{ width: '100%' }}>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Link to={`/payrolls/${encodeURIComponent(item.payrollId)}`} style={{ wordBreak: 'break-all' }}>
                {labels.subsidyProgram(item.program)} · {item.period}
              </Link>
              <Space wrap>
                <PayrollStageTag stage={item.stage} />
                <Typography.Text>{formatYuan(item.totals.totalFen)}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('payrolls.lines')} {item.totals.lines}
                </Typography.Text>
              </Space>
            </Space>
          </Card>
        </List.Item>
      )}
    />
  );
}
