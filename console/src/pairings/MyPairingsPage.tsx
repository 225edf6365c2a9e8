import { Alert, Button, Empty, Space, Spin, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { PairingView } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useAsync } from '../components/useAsync';
import { describeError } from '../components/problems';
import { byWhatIsDue } from './caseload';
import { PairingCard } from './PairingCard';
import { TAP } from './tap';

/** Enough for any official's caseload (a handful of persons each); the API pages at 200. */
const PAGE = 200;

/** All the pages of the official's own pairings (the API shows an official only theirs). */
async function allOwnPairings(list: (cursor: string | null, signal: AbortSignal) => Promise<{ items: PairingView[]; nextCursor: string | null }>, signal: AbortSignal) {
  const items: PairingView[] = [];
  let cursor: string | null = null;
  do {
    const page = await list(cursor, signal);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

/** 我的结对: an official's home, the persons they look after, whoever is most due first. */
export function MyPairingsPage() {
  const { t } = useI18n();
  const { api } = useAuth();
  const pairings = useAsync((signal) => allOwnPairings((cursor, s) => api.listPairings({}, { limit: PAGE, cursor }, s), signal), []);
  const items = byWhatIsDue(pairings.data ?? []);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('pairing.mine.title')}
        </Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={pairings.reload} loading={pairings.loading} style={{ minWidth: 44, ...TAP }} aria-label={t('pairing.refresh')}>
          {t('pairing.refresh')}
        </Button>
      </div>
      {pairings.error !== undefined && <Alert type="error" showIcon title={describeError(t, pairings.error)} />}
      {pairings.loading && !pairings.data ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty description={t('pairing.mine.empty')} />
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="caseload">
          {items.map((view) => (
            <PairingCard key={view.pairingId} view={view} />
          ))}
        </Space>
      )}
    </Space>
  );
}
