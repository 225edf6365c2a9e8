import { Card, List, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { CaseView } from '../api/types';
import { useSession } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useHospitals } from '../components/hospitals';
import { formatDateTime } from '../components/datetime';
import { OverdueBadge, StageTag } from './StageTag';

/** The case list on a phone: one card per case with what the desk's table shows, nothing wider than the screen. */
export function CaseCards({ items, loading }: { items: CaseView[]; loading: boolean }) {
  const { t, language } = useI18n();
  const session = useSession();
  const hospitals = useHospitals();
  return (
    <List<CaseView>
      loading={loading}
      dataSource={items}
      locale={{ emptyText: t('list.empty') }}
      renderItem={(item) => (
        <List.Item key={item.caseId} style={{ padding: '4px 0', border: 'none' }}>
          <Card size="small" style={{ width: '100%' }} data-testid="case-card">
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                <Link to={`/cases/${encodeURIComponent(item.caseId)}`} style={{ wordBreak: 'break-all' }}>
                  {item.caseId}
                </Link>
                <Space size={4}>
                  <StageTag stage={item.stage} />
                  <OverdueBadge overdue={item.overdue} />
                </Space>
              </div>
              <Typography.Text strong>
                {item.applicant.name} · {item.applicant.town}
              </Typography.Text>
              {session.role !== 'hospital' && <Typography.Text type="secondary">{hospitals.name(item.hospitalId)}</Typography.Text>}
              <Typography.Text type="secondary">
                {t('case.stageEnteredAt')}：{formatDateTime(item.stageEnteredAt, language)}
              </Typography.Text>
            </Space>
          </Card>
        </List.Item>
      )}
    />
  );
}
