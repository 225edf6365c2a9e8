import { useState } from 'react';
import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { SignInAuditEntry, SignInEvent } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useAsync } from '../components/useAsync';
import { describeError } from '../components/problems';
import { formatDateTime } from '../components/datetime';

const PAGE = 100;
const EVENT_COLOURS: Partial<Record<SignInEvent, string>> = { failure: 'orange', 'lock-out': 'red', disable: 'red', reset: 'gold', 'sign-in': 'green' };

/** 登录记录: the sign-in audit, newest first, a page at a time. */
export function SignInsPage() {
  const { t, language } = useI18n();
  const { api } = useAuth();
  const first = useAsync((signal) => api.signIns({ limit: PAGE }, signal), []);
  const [older, setOlder] = useState<{ items: SignInAuditEntry[]; nextBefore: number | null } | null>(null);
  const [error, setError] = useState<unknown>(undefined);

  const items = [...(first.data?.items ?? []), ...(older?.items ?? [])];
  const nextBefore = older ? older.nextBefore : first.data?.nextBefore ?? null;

  async function loadOlder() {
    if (nextBefore === null) return;
    try {
      const page = await api.signIns({ limit: PAGE, before: nextBefore });
      setOlder((previous) => ({ items: [...(previous?.items ?? []), ...page.items], nextBefore: page.nextBefore }));
    } catch (cause) {
      setError(cause);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('signIns.title')}
        </Typography.Title>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => {
            setOlder(null);
            first.reload();
          }}
        >
          {t('list.refresh')}
        </Button>
      </div>
      <Typography.Text type="secondary">{t('signIns.help')}</Typography.Text>
      {(first.error ?? error) !== undefined && <Alert type="error" showIcon title={describeError(t, first.error ?? error)} />}
      <Table<SignInAuditEntry>
        rowKey="id"
        size="small"
        loading={first.loading && !first.data}
        dataSource={items}
        pagination={false}
        scroll={{ x: 800 }}
        columns={[
          { title: t('signIns.at'), width: 170, render: (_, entry) => formatDateTime(entry.at, language) },
          { title: t('signIns.username'), dataIndex: 'username', width: 160 },
          { title: t('signIns.event'), width: 130, render: (_, entry) => <Tag color={EVENT_COLOURS[entry.event]}>{t(`signIns.event.${entry.event}`)}</Tag> },
          { title: t('signIns.address'), dataIndex: 'address', width: 150 },
          { title: t('signIns.by'), dataIndex: 'by', width: 150 },
        ]}
      />
      {nextBefore !== null && <Button onClick={() => void loadOlder()}>{t('signIns.more')}</Button>}
    </Space>
  );
}
