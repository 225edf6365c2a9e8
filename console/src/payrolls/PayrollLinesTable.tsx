import { useState } from 'react';
import { Alert, Button, List, Select, Space, Table, Typography } from 'antd';
import { formatYuan } from '@domain/money';
import { PAYROLL_LINE_STATUSES, type PayrollLineStatus } from '@subsidy/payroll/stages';
import type { PayrollLineView } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { useAsync } from '../components/useAsync';
import { useNarrow } from '../layout/useNarrow';
import { describePayrollError } from './payrollProblems';

const PAGE_SIZE = 50;

/**
 * The payroll's lines by bank key, filtered by status, a page at a time. The server shows no account
 * or ID number here: the person is named by id only. `version` changes when the payroll did.
 */
export function PayrollLinesTable({ payrollId, version }: { payrollId: string; version: string }) {
  const { t } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const narrow = useNarrow();
  const [status, setStatus] = useState<PayrollLineStatus | undefined>(undefined);
  // cursors[i] fetches page i; page 0 needs none.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const page = cursors.length - 1;
  const lines = useAsync((signal) => api.payrollLines(payrollId, { status }, { limit: PAGE_SIZE, cursor: cursors[page] }, signal), [payrollId, status, page, cursors[page], version]);
  const items = lines.data?.items ?? [];
  const reasonOf = (line: PayrollLineView) => (line.reason ? labels.payrollLineReason(line.reason) : '—');

  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <Space wrap>
        <label htmlFor="line-status">{t('payroll.status')}</label>
        <Select<PayrollLineStatus>
          id="line-status"
          allowClear
          style={{ width: narrow ? 160 : 180 }}
          placeholder={t('list.any')}
          value={status}
          onChange={(next) => {
            setStatus(next);
            setCursors([null]);
          }}
          options={PAYROLL_LINE_STATUSES.map((value) => ({ value, label: labels.payrollLineStatus(value) }))}
        />
      </Space>
      {lines.error !== undefined && <Alert type="error" showIcon title={describePayrollError(t, lines.error, labels.payrollStage)} />}
      {narrow ? (
        <List
          size="small"
          loading={lines.loading}
          dataSource={items}
          locale={{ emptyText: t('payroll.linesEmpty') }}
          renderItem={(line) => (
            <List.Item>
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>
                  {line.month} · {formatYuan(line.amountFen)} · {labels.payrollLineStatus(line.status)}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
                  {line.enrolmentId}
                  {line.reason ? ` · ${reasonOf(line)}` : ''}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table<PayrollLineView>
          size="small"
          data-testid="payroll-lines"
          rowKey={(line) => `${line.enrolmentId}:${line.month}`}
          loading={lines.loading}
          dataSource={items}
          pagination={false}
          scroll={{ x: 800 }}
          locale={{ emptyText: t('payroll.linesEmpty') }}
          columns={[
            { title: t('payroll.enrolmentId'), dataIndex: 'enrolmentId' },
            { title: t('payroll.personId'), dataIndex: 'personId' },
            { title: t('payroll.month'), dataIndex: 'month' },
            { title: t('payroll.amount'), render: (_, line) => formatYuan(line.amountFen) },
            { title: t('payroll.status'), render: (_, line) => labels.payrollLineStatus(line.status) },
            { title: t('payroll.reason'), render: (_, line) => reasonOf(line) },
            { title: t('payroll.bankReference'), render: (_, line) => line.bankReference ?? '—' },
          ]}
        />
      )}
      <Space wrap>
        <Button disabled={page === 0 || lines.loading} onClick={() => setCursors((trail) => trail.slice(0, -1))}>
          {t('list.previous')}
        </Button>
        <Typography.Text type="secondary">{t('list.page', { page: page + 1 })}</Typography.Text>
        <Button disabled={!lines.data?.nextCursor || lines.loading} onClick={() => setCursors((trail) => [...trail, lines.data?.nextCursor ?? null])}>
          {t('list.next')}
        </Button>
      </Space>
    </Space>
  );
}
