import { Alert, Card, Form, Select, Space, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { ENROLMENT_STAGES, type EnrolmentStage } from '@subsidy/stages';
import { SUBSIDY_PROGRAMS, type SubsidyProgram } from '@subsidy/programs';
import type { EnrolmentListFilters, EnrolmentSummary, Role } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { useAsync } from '../components/useAsync';
import { useCursorTrail } from '../components/useCursorTrail';
import { CursorPager } from '../components/CursorPager';
import { FilterButtons, OverdueSelect } from '../components/ListFilters';
import { useTowns } from '../components/towns';
import { describeError } from '../components/problems';
import { formatDateTime } from '../components/datetime';
import { useNarrow } from '../layout/useNarrow';
import { OverdueBadge } from '../cases/StageTag';
import { EnrolmentStageTag } from './EnrolmentStageTag';
import { EnrolmentCards } from './EnrolmentCards';
import { NoticeListCard } from './NoticeListCard';

const PAGE_SIZE = 20;
/** Who publishes the month's public-notice list: civil affairs, who decided, and administrators. */
const NOTICE_LIST_ROLES: Role[] = ['civil', 'admin'];

/** Filters live in the address (a list can be bookmarked or shared); the cursor trail does not. */
function filtersFrom(params: URLSearchParams): EnrolmentListFilters {
  const program = params.get('program');
  const stage = params.get('stage');
  const overdue = params.get('overdue');
  return {
    program: program && (SUBSIDY_PROGRAMS as readonly string[]).includes(program) ? (program as SubsidyProgram) : undefined,
    stage: stage && (ENROLMENT_STAGES as readonly string[]).includes(stage) ? (stage as EnrolmentStage) : undefined,
    town: params.get('town') ?? undefined,
    overdue: overdue === 'true' || overdue === 'false' ? overdue : undefined,
  };
}

/** 补贴申请列表: every enrolment, newest first, filtered by program, stage, town and whether it is overdue. */
export function EnrolmentListPage() {
  const { t, language } = useI18n();
  const labels = useLabels();
  const { api, session } = useAuth();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const trail = useCursorTrail();
  const [form] = Form.useForm<EnrolmentListFilters>();
  const narrow = useNarrow();
  const towns = useTowns();
  const width = (desk: number) => ({ width: narrow ? '100%' : desk });

  const list = useAsync((signal) => api.listEnrolments(filters, { limit: PAGE_SIZE, cursor: trail.cursor }, signal), [params.toString(), trail.page, trail.cursor]);

  function applyFilters(values: EnrolmentListFilters) {
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries(values)) if (value) next.set(name, String(value).trim());
    trail.reset();
    setParams(next);
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('enrolments.title')}
      </Typography.Title>
      <Card size="small">
        <Form form={form} layout={narrow ? 'vertical' : 'inline'} initialValues={filters} onFinish={applyFilters} aria-label={t('list.filters')}>
          <Form.Item label={t('enrolment.program')} name="program" htmlFor="filter-program">
            <Select id="filter-program" allowClear style={width(200)} placeholder={t('list.any')} options={SUBSIDY_PROGRAMS.map((program) => ({ value: program, label: labels.subsidyProgram(program) }))} />
          </Form.Item>
          <Form.Item label={t('field.stage')} name="stage" htmlFor="filter-stage">
            <Select id="filter-stage" allowClear style={width(140)} placeholder={t('list.any')} options={ENROLMENT_STAGES.map((stage) => ({ value: stage, label: labels.enrolmentStage(stage) }))} />
          </Form.Item>
          <Form.Item label={t('field.town')} name="town" htmlFor="filter-town">
            <Select id="filter-town" allowClear showSearch style={width(130)} placeholder={t('list.any')} options={towns.map((town) => ({ value: town, label: town }))} />
          </Form.Item>
          <Form.Item label={t('enrolment.overdue')} name="overdue" htmlFor="filter-overdue">
            <OverdueSelect id="filter-overdue" style={width(110)} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              form.setFieldsValue({ program: undefined, stage: undefined, town: undefined, overdue: undefined });
              applyFilters({});
            }}
          />
        </Form>
      </Card>
      {session && NOTICE_LIST_ROLES.includes(session.role) && <NoticeListCard />}
      {list.error !== undefined && <Alert type="error" showIcon title={describeError(t, list.error, labels.enrolmentStage)} />}
      {narrow ? (
        <EnrolmentCards items={list.data?.items ?? []} loading={list.loading} />
      ) : (
        <Table<EnrolmentSummary>
          rowKey="enrolmentId"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('enrolments.empty') }}
          columns={[
            {
              title: t('enrolments.id'),
              dataIndex: 'enrolmentId',
              render: (enrolmentId: string) => <Link to={`/enrolments/${encodeURIComponent(enrolmentId)}`}>{enrolmentId}</Link>,
            },
            { title: t('field.name'), render: (_, item) => item.person.name },
            { title: t('field.town'), render: (_, item) => item.person.town },
            { title: t('enrolment.program'), render: (_, item) => labels.subsidyProgram(item.program) },
            {
              title: t('field.stage'),
              render: (_, item) => (
                <Space size={4}>
                  <EnrolmentStageTag stage={item.stage} />
                  <OverdueBadge overdue={item.overdue} />
                </Space>
              ),
            },
            { title: t('enrolment.appliedOn'), dataIndex: 'appliedOn' },
            { title: t('enrolment.stageEnteredAt'), render: (_, item) => formatDateTime(item.stageEnteredAt, language) },
          ]}
        />
      )}
      <CursorPager trail={trail} list={list} />
    </Space>
  );
}
