import { Alert, Card, Select, Space, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { formatYuan } from '@domain/money';
import { SUBSIDY_PROGRAMS, type SubsidyProgram } from '@subsidy/programs';
import type { PayrollView } from '../api/types';
import { useAuth, useSession } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { useAsync } from '../components/useAsync';
import { useCursorTrail } from '../components/useCursorTrail';
import { CursorPager } from '../components/CursorPager';
import { formatDateTime } from '../components/datetime';
import { useNarrow } from '../layout/useNarrow';
import { PayrollStageTag } from './PayrollStageTag';
import { PayrollCards } from './PayrollCards';
import { NewPayrollForm } from './NewPayrollForm';
import { mayOpenPayroll } from './whoMay';
import { describePayrollError } from './payrollProblems';

const PAGE_SIZE = 20;

function programFrom(params: URLSearchParams): SubsidyProgram | undefined {
  const program = params.get('program');
  return program && (SUBSIDY_PROGRAMS as readonly string[]).includes(program) ? (program as SubsidyProgram) : undefined;
}

/** 发放名册: every month's payroll, latest first, filtered by subsidy; civil affairs opens a month here. */
export function PayrollListPage() {
  const { t, language } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const { role } = useSession();
  const narrow = useNarrow();
  const [params, setParams] = useSearchParams();
  const program = programFrom(params);
  const trail = useCursorTrail();
  const list = useAsync((signal) => api.listPayrolls({ program }, { limit: PAGE_SIZE, cursor: trail.cursor }, signal), [program, trail.page, trail.cursor]);

  function chooseProgram(next: SubsidyProgram | undefined) {
    trail.reset();
    setParams(next ? new URLSearchParams({ program: next }) : new URLSearchParams());
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('payrolls.title')}
      </Typography.Title>
      {mayOpenPayroll(role) && (
        <Card size="small" title={t('payrolls.new')}>
          <NewPayrollForm />
        </Card>
      )}
      <Card size="small">
        <Space wrap>
          <label htmlFor="filter-program">{t('enrolment.program')}</label>
          <Select<SubsidyProgram>
            id="filter-program"
            allowClear
            style={{ width: narrow ? 200 : 220 }}
            placeholder={t('list.any')}
            value={program}
            onChange={chooseProgram}
            options={SUBSIDY_PROGRAMS.map((value) => ({ value, label: labels.subsidyProgram(value) }))}
          />
        </Space>
      </Card>
      {list.error !== undefined && <Alert type="error" showIcon title={describePayrollError(t, list.error, labels.payrollStage)} />}
      {narrow ? (
        <PayrollCards items={list.data?.items ?? []} loading={list.loading} />
      ) : (
        <Table<PayrollView>
          rowKey="payrollId"
          size="middle"
          data-testid="payroll-list"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('payrolls.empty') }}
          columns={[
            {
              title: t('payrolls.id'),
              dataIndex: 'payrollId',
              render: (payrollId: string) => <Link to={`/payrolls/${encodeURIComponent(payrollId)}`}>{payrollId}</Link>,
            },
            { title: t('enrolment.program'), render: (_, item) => labels.subsidyProgram(item.program) },
            { title: t('payrolls.period'), dataIndex: 'period' },
            { title: t('field.stage'), render: (_, item) => <PayrollStageTag stage={item.stage} /> },
            { title: t('payrolls.lines'), render: (_, item) => item.totals.lines },
            { title: t('payrolls.total'), render: (_, item) => formatYuan(item.totals.totalFen) },
            { title: t('payrolls.openedAt'), render: (_, item) => formatDateTime(item.openedAt, language) },
          ]}
        />
      )}
      <CursorPager trail={trail} list={list} />
    </Space>
  );
}
