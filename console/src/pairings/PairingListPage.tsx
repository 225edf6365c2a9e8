import { useState } from 'react';
import { Alert, App, Button, Form, Input, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { formatYuan } from '@domain/money';
import type { PairingListFilters, PairingView } from '../api/types';
import { useAuth, useSession } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { useAsync } from '../components/useAsync';
import { describeError } from '../components/problems';
import { useTowns } from '../components/towns';
import { useNarrow } from '../layout/useNarrow';
import { NewPairingForm } from './actions/NewPairingForm';
import { byWhatIsDue, shanghaiDay } from './caseload';
import { PairingCard, PairingOverdueBadge } from './PairingCard';
import { PairingSheet } from './PairingSheet';
import { mayDoOnPairing } from './whoMay';

const PAGE = 50;

/**
 * Every pairing, for the officers who arrange them (a town's clerk sees their town's: the API
 * scopes the list by the account's town): filtered by town, official and overdue, most due first.
 */
export function PairingListPage() {
  const { t } = useI18n();
  const { api } = useAuth();
  const session = useSession();
  const narrow = useNarrow();
  const towns = useTowns();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<PairingListFilters>({});
  const [official, setOfficial] = useState('');
  const [pages, setPages] = useState<{ items: PairingView[]; cursor: string | null }>({ items: [], cursor: null });
  const [creating, setCreating] = useState(false);
  const list = useAsync(async (signal) => {
    const page = await api.listPairings(filters, { limit: PAGE }, signal);
    setPages({ items: page.items, cursor: page.nextCursor });
    return page;
  }, [filters]);

  async function more() {
    if (!pages.cursor) return;
    const page = await api.listPairings(filters, { limit: PAGE, cursor: pages.cursor });
    setPages({ items: [...pages.items, ...page.items], cursor: page.nextCursor });
  }

  const items = byWhatIsDue(pages.items);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('pairing.list.title')}
        </Typography.Title>
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading}>
            {t('pairing.refresh')}
          </Button>
          {mayDoOnPairing('create', session.role) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('pairing.action.create')}
            </Button>
          )}
        </Space>
      </div>
      <Form layout={narrow ? 'vertical' : 'inline'} style={{ rowGap: 8 }}>
        <Form.Item label={t('pairing.filter.town')} htmlFor="pairing-town">
          <Select
            id="pairing-town"
            allowClear
            style={{ width: narrow ? '100%' : 160 }}
            value={filters.town}
            onChange={(town?: string) => setFilters({ ...filters, town })}
            options={towns.map((town) => ({ value: town, label: town }))}
            placeholder={t('pairing.filter.any')}
          />
        </Form.Item>
        <Form.Item label={t('pairing.filter.overdue')} htmlFor="pairing-overdue">
          <Select
            id="pairing-overdue"
            style={{ width: narrow ? '100%' : 120 }}
            value={filters.overdue ?? 'any'}
            onChange={(value: string) => setFilters({ ...filters, overdue: value === 'true' ? 'true' : undefined })}
            options={[
              { value: 'any', label: t('pairing.filter.any') },
              { value: 'true', label: t('pairing.overdue') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('pairing.filter.official')} htmlFor="pairing-official">
          <Input.Search
            id="pairing-official"
            allowClear
            style={{ width: narrow ? '100%' : 200 }}
            value={official}
            onChange={(event) => setOfficial(event.target.value)}
            onSearch={(value) => setFilters({ ...filters, official: value.trim() || undefined })}
          />
        </Form.Item>
      </Form>
      {list.error !== undefined && <Alert type="error" showIcon title={describeError(t, list.error)} />}
      {narrow ? (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {items.length === 0 && !list.loading && <Typography.Text type="secondary">{t('pairing.list.empty')}</Typography.Text>}
          {items.map((view) => (
            <PairingCard key={view.pairingId} view={view} showOfficial />
          ))}
        </Space>
      ) : (
        <Table<PairingView>
          rowKey="pairingId"
          loading={list.loading}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: t('pairing.list.empty') }}
          columns={[
            { title: t('pairing.person'), key: 'person', render: (_, view) => <Link to={`/pairings/${encodeURIComponent(view.pairingId)}`}>{view.person.name}</Link> },
            { title: t('pairing.filter.town'), key: 'town', render: (_, view) => view.person.town },
            { title: t('pairing.category'), key: 'category', render: (_, view) => t(`pairing.category.${view.category}` as MessageKey) },
            { title: t('pairing.official'), key: 'official', render: (_, view) => `${view.official.name}（${view.official.sub}）` },
            { title: t('pairing.lastContactOn'), key: 'last', render: (_, view) => view.lastContactOn ?? t('pairing.never') },
            { title: t('pairing.dueAt'), key: 'due', render: (_, view) => (view.stage === 'ACTIVE' ? shanghaiDay(view.dueAt) : t(`pairing.stage.${view.stage}`)) },
            { title: t('pairing.visitsLastYear'), key: 'visits', render: (_, view) => t('pairing.visitsOf', { visits: view.visitsLastYear, asked: view.visitsPerYear }) },
            { title: t('pairing.mattersValue'), key: 'matters', render: (_, view) => formatYuan(view.mattersValueFen) },
            { title: '', key: 'overdue', render: (_, view) => <PairingOverdueBadge view={view} /> },
          ]}
        />
      )}
      {pages.cursor && <Button onClick={() => void more()}>{t('persons.more')}</Button>}
      <PairingSheet open={creating} title={t('pairing.action.create')} onClose={() => setCreating(false)}>
        <NewPairingForm
          onDone={(view) => {
            setCreating(false);
            void message.success(t('pairing.done.create'));
            navigate(`/pairings/${encodeURIComponent(view.pairingId)}`);
          }}
        />
      </PairingSheet>
    </Space>
  );
}
