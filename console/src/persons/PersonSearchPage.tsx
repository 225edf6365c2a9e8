import { useNarrow } from '../layout/useNarrow';
import { forScreen } from '../layout/deskColumns';
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Table, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { PersonList, PersonView } from '../api/types';
import { ApiError } from '../api/problem';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { describeError, fieldMessage } from '../components/problems';
import type { MessageKey } from '../i18n/zh-CN';

const PAGE = 50;

export const personLink = (personId: string) => `/persons/${encodeURIComponent(personId)}`;

/**
 * 人员查询: by (part of) a name, page by page, or by ID number. The ID number is looked up with a
 * POST from its own form field, so it never lands in the address bar, the history or a server log.
 */
export function PersonSearchPage() {
  const { t } = useI18n();
  const labels = useLabels();
  const narrow = useNarrow();
  const { api } = useAuth();
  const navigate = useNavigate();
  const [query, setQuery] = useState<string | undefined>(undefined);
  const [list, setList] = useState<PersonList | undefined>(undefined);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [lookupForm] = Form.useForm<{ idNumber: string }>();
  const [lookupMessage, setLookupMessage] = useState<string | undefined>(undefined);

  async function search(q: string | undefined, cursor: string | null = null) {
    setSearching(true);
    setError(undefined);
    try {
      const page = await api.searchPersons(q ? { q } : {}, { limit: PAGE, cursor });
      setList((previous) => (cursor && previous ? { items: [...previous.items, ...page.items], nextCursor: page.nextCursor } : page));
      setQuery(q);
    } catch (cause) {
      setError(cause);
    } finally {
      setSearching(false);
    }
  }

  async function lookup({ idNumber }: { idNumber: string }) {
    setLookupMessage(undefined);
    try {
      const person = await api.lookupPerson(idNumber.trim());
      navigate(personLink(person.personId));
    } catch (cause) {
      if (cause instanceof ApiError && cause.slug === 'not-found') setLookupMessage(t('persons.notRegistered'));
      else if (cause instanceof ApiError && cause.slug === 'validation') {
        lookupForm.setFields([{ name: 'idNumber', errors: (cause.problem.errors ?? []).map((issue) => fieldMessage(t, issue.message)) }]);
      } else setLookupMessage(describeError(t, cause, labels.stage));
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('persons.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('persons.help')}</Typography.Text>
      <Card size="small">
        <Space wrap align="start" size="large" style={narrow ? { width: '100%' } : undefined} orientation={narrow ? 'vertical' : 'horizontal'}>
          <Form layout={narrow ? 'vertical' : 'inline'} onFinish={({ q }: { q?: string }) => void search(q?.trim() || undefined)}>
            <Form.Item name="q" label={t('persons.byName')}>
              <Input allowClear maxLength={64} data-testid="person-name" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={searching}>
              {t('persons.search')}
            </Button>
          </Form>
          <Form form={lookupForm} layout={narrow ? 'vertical' : 'inline'} onFinish={(values) => void lookup(values)}>
            <Form.Item name="idNumber" label={t('persons.byIdNumber')} rules={[{ required: true, message: t('issue.required') }]}>
              <Input allowClear maxLength={18} autoComplete="off" data-testid="person-id-number" />
            </Form.Item>
            <Button htmlType="submit">{t('persons.lookup')}</Button>
          </Form>
        </Space>
        {lookupMessage && <Alert style={{ marginTop: 12 }} type="info" showIcon title={lookupMessage} />}
      </Card>
      {error !== undefined && <Alert type="error" showIcon title={describeError(t, error, labels.stage)} />}
      {list && (
        <Table<PersonView>
          rowKey="personId"
          size="middle"
          dataSource={list.items}
          pagination={false}
          locale={{ emptyText: t('persons.empty') }}
          columns={forScreen<PersonView>(narrow, [
            { title: t('field.name'), dataIndex: 'name', render: (name: string, person) => <Link to={personLink(person.personId)}>{name}</Link> },
            // On a phone: the name, the town and the status; the rest from the md breakpoint up.
            { title: t('field.idNumber'), dataIndex: 'idNumber', deskOnly: true },
            { title: t('field.town'), dataIndex: 'town' },
            { title: t('field.village'), dataIndex: 'village', deskOnly: true },
            { title: t('field.assistanceCategory'), deskOnly: true, render: (_, person) => labels.category(person.assistanceCategory) },
            { title: t('person.status'), render: (_, person) => t(`person.status.${person.status}` as MessageKey) },
          ])}
          footer={list.nextCursor ? () => <Button onClick={() => void search(query, list.nextCursor)} loading={searching}>{t('persons.more')}</Button> : undefined}
        />
      )}
    </Space>
  );
}
