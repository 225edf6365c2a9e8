import { Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { PairingView } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { shanghaiDay } from './caseload';

/** The overdue badge, with what was missed (no contact, or too few visits). */
export function PairingOverdueBadge({ view }: { view: PairingView }) {
  const { t } = useI18n();
  if (!view.overdue) return null;
  return (
    <Tag color="red" data-testid="overdue-badge" style={{ marginInlineEnd: 0 }}>
      {t('pairing.overdue')}
      {view.overdueReason ? ` · ${t(`pairing.overdueReason.${view.overdueReason}`)}` : ''}
    </Tag>
  );
}

/** One pairing as a card: the whole card is the link, a tap target as wide as the screen. */
export function PairingCard({ view, showOfficial = false }: { view: PairingView; showOfficial?: boolean }) {
  const { t } = useI18n();
  return (
    <Link to={`/pairings/${encodeURIComponent(view.pairingId)}`} style={{ display: 'block', color: 'inherit' }} aria-label={`${view.person.name} · ${view.person.town}`}>
      <Card size="small" hoverable style={{ width: '100%', minHeight: 44 }} data-testid="pairing-card">
        <Space orientation="vertical" size={2} style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {view.person.name} · {view.person.town}
            </Typography.Text>
            <Space size={4} wrap>
              {view.stage === 'CLOSED' && <Tag>{t('pairing.stage.CLOSED')}</Tag>}
              <PairingOverdueBadge view={view} />
            </Space>
          </div>
          <Typography.Text type="secondary">{t(`pairing.category.${view.category}` as MessageKey)}</Typography.Text>
          {showOfficial && (
            <Typography.Text type="secondary">
              {t('pairing.official')}：{view.official.name}（{view.official.sub}）
            </Typography.Text>
          )}
          <Typography.Text>
            {t('pairing.lastContactOn')}：{view.lastContactOn ?? t('pairing.never')}
          </Typography.Text>
          {view.stage === 'ACTIVE' && (
            <Typography.Text type={view.overdue ? 'danger' : undefined} data-testid="pairing-due">
              {t('pairing.dueAt')}：{shanghaiDay(view.dueAt)}
            </Typography.Text>
          )}
          <Typography.Text type="secondary">
            {t('pairing.visitsLastYear')}：{t('pairing.visitsOf', { visits: view.visitsLastYear, asked: view.visitsPerYear })}
          </Typography.Text>
        </Space>
      </Card>
    </Link>
  );
}
