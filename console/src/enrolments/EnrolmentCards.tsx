import { Card, List, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { EnrolmentSummary } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { formatDateTime } from '../components/datetime';
import { OverdueBadge } from '../cases/StageTag';
import { EnrolmentStageTag } from './EnrolmentStageTag';

/** The enrolment list on a phone: one card per enrolment, nothing wider than the screen. */
export function EnrolmentCards({ items, loading }: { items: EnrolmentSummary[]; loading: boolean }) {
  const { t, language } = useI18n();
  const labels = useLabels();
  return (
    <List<EnrolmentSummary>
      loading={loading}
      dataSource={items}
      locale={{ emptyText: t('enrolments.empty') }}
      renderItem={(item) => (
        <List.Item key={item.enrolmentId} style={{ padding: '4px 0', border: 'none' }}>
          <Card size="small" style={{ width: '100%' }} data-testid="enrolment-card">
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                <Link to={`/enrolments/${encodeURIComponent(item.enrolmentId)}`} style={{ wordBreak: 'break-all' }}>
                  {item.enrolmentId}
                </Link>
                <Space size={4}>
                  <EnrolmentStageTag stage={item.stage} />
                  <OverdueBadge overdue={item.overdue} />
                </Space>
              </div>
              <Typography.Text strong>
                {item.person.name} · {item.person.town}
              </Typography.Text>
              <Typography.Text type="secondary">{labels.subsidyProgram(item.program)}</Typography.Text>
              <Typography.Text type="secondary">
                {t('enrolment.stageEnteredAt')}：{formatDateTime(item.stageEnteredAt, language)}
              </Typography.Text>
            </Space>
          </Card>
        </List.Item>
      )}
    />
  );
}
