import { useState } from 'react';
import { Alert, Card, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useNarrow } from '../layout/useNarrow';
import { CaseCards } from './CaseCards';
import { useTowns } from '../components/towns';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { isIdNumber } from '@domain/id-number';
import { ApiError } from '../api/problem';
import { STAGES, type Stage } from '@surgery/stages';
import { useAuth, useSession } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { useHospitals } from '../components/hospitals';
import { useAsync } from '../components/useAsync';
import { useCursorTrail } from '../components/useCursorTrail';
import { CursorPager } from '../components/CursorPager';
import { FilterButtons, OverdueSelect } from '../components/ListFilters';
import { describeError } from '../components/problems';
import { formatDateTime } from '../components/datetime';
import type { CaseListFilters, CaseView } from '../api/types';
import { OverdueBadge, StageTag } from './StageTag';

const PAGE_SIZE = 20;

/** Filters live in the address (so a list can be bookmarked or shared); the cursor trail does not. */
function filtersFrom(params: URLSearchParams): CaseListFilters {
  const stage = params.get('stage');
  const overdue = params.get('overdue');
  return {
    q: params.get('q') ?? undefined,
    stage: stage && (STAGES as readonly string[]).includes(stage) ? (stage as Stage) : undefined,
    town: params.get('town') ?? undefined,
    hospitalId: params.get('hospitalId') ?? undefined,
    overdue: overdue === 'true' || overdue === 'false' ? overdue : undefined,
  };
}

export function CaseListPage() {
  const { t, language } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const session = useSession();
  const hospitals = useHospitals();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const trail = useCursorTrail();
  const [form] = Form.useForm<CaseListFilters>();
  const narrow = useNarrow();
  const towns = useTowns();
  // On a phone each filter takes the whole line; on a desk they stand side by side.
  const width = (desk: number) => ({ width: narrow ? '100%' : desk });

  const list = useAsync((signal) => api.listCases(filters, { limit: PAGE_SIZE, cursor: trail.cursor }, signal), [params.toString(), trail.page, trail.cursor]);

  const navigate = useNavigate();
  const [lookupMessage, setLookupMessage] = useState<string | null>(null);

  /** An ID number never goes into an address: it is looked up in a request body and leads to the person, with every case of theirs. */
  async function findByIdNumber(idNumber: string) {
    try {
      const person = await api.lookupPerson(idNumber);
      navigate(`/persons/${encodeURIComponent(person.personId)}`);
    } catch (cause) {
      setLookupMessage(cause instanceof ApiError && cause.slug === 'not-found' ? t('persons.notRegistered') : describeError(t, cause, labels.stage));
    }
  }

  function applyFilters(values: CaseListFilters) {
    setLookupMessage(null);
    const q = values.q?.trim();
    if (q && isIdNumber(q.toUpperCase())) {
      if (session.role === 'hospital') setLookupMessage(t('list.idNumberNotForHospitals'));
      else void findByIdNumber(q.toUpperCase());
      return;
    }
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries(values)) if (value) next.set(name, String(value).trim());
    trail.reset();
    setParams(next);
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {session.role === 'hospital' ? t('list.titleHospital') : t('list.title')}
      </Typography.Title>
      <Card size="small">
        <Form form={form} layout={narrow ? 'vertical' : 'inline'} initialValues={filters} onFinish={applyFilters} aria-label={t('list.filters')}>
          <Form.Item label={t('list.q')} name="q" htmlFor="filter-q" tooltip={t('list.qHelp')}>
            <Input id="filter-q" allowClear style={width(220)} placeholder={t('list.qPlaceholder')} autoComplete="off" />
          </Form.Item>
          <Form.Item label={t('field.stage')} name="stage" htmlFor="filter-stage">
            <Select id="filter-stage" allowClear style={width(150)} placeholder={t('list.any')} options={STAGES.map((stage) => ({ value: stage, label: labels.stage(stage) }))} />
          </Form.Item>
          <Form.Item label={t('field.town')} name="town" htmlFor="filter-town">
            <Select id="filter-town" allowClear showSearch style={width(130)} placeholder={t('list.any')} options={towns.map((town) => ({ value: town, label: town }))} />
          </Form.Item>
          {session.role !== 'hospital' && (
            <Form.Item label={t('field.hospital')} name="hospitalId" htmlFor="filter-hospital">
              <Select id="filter-hospital" allowClear style={width(180)} placeholder={t('list.any')} options={hospitals.list.map((h) => ({ value: h.id, label: h.name }))} />
            </Form.Item>
          )}
          <Form.Item label={t('case.overdue')} name="overdue" htmlFor="filter-overdue">
            <OverdueSelect id="filter-overdue" style={width(110)} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              form.resetFields();
              form.setFieldsValue({ q: undefined, stage: undefined, town: undefined, hospitalId: undefined, overdue: undefined });
              applyFilters({});
            }}
          />
        </Form>
      </Card>
      {lookupMessage && <Alert type="info" showIcon title={lookupMessage} />}
      {list.error !== undefined && <Alert type="error" showIcon title={describeError(t, list.error, labels.stage)} />}
      {narrow ? (
        <CaseCards items={list.data?.items ?? []} loading={list.loading} />
      ) : (
      <Table<CaseView>
        rowKey="caseId"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('list.empty') }}
        columns={[
          {
            title: t('field.caseId'),
            dataIndex: 'caseId',
            render: (caseId: string) => <Link to={`/cases/${encodeURIComponent(caseId)}`}>{caseId}</Link>,
          },
          { title: t('field.name'), render: (_, item) => item.applicant.name },
          { title: t('field.town'), render: (_, item) => item.applicant.town },
          ...(session.role === 'hospital' ? [] : [{ title: t('field.hospital'), render: (_: unknown, item: CaseView) => hospitals.name(item.hospitalId) }]),
          {
            title: t('field.stage'),
            render: (_, item) => (
              <Space size={4}>
                <StageTag stage={item.stage} />
                <OverdueBadge overdue={item.overdue} />
              </Space>
            ),
          },
          { title: t('case.stageEnteredAt'), render: (_, item) => formatDateTime(item.stageEnteredAt, language) },
          { title: t('case.openedAt'), render: (_, item) => formatDateTime(item.openedAt, language) },
        ]}
      />
      )}
      <CursorPager trail={trail} list={list} />
    </Space>
  );
}
