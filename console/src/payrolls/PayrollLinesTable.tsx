import { useState } from 'react';
import { Alert, List, Select, Space, Table, Typography } from 'antd';
import { formatYuan } from '@domain/money';
import { PAYROLL_LINE_STATUSES, type PayrollLineStatus } from '@subsidy/payroll/stages';
import type { PayrollLineView } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { useAsync } from '../components/useAsync';
import { useCursorTrail } from '../components/useCursorTrail';
import { CursorPager } from '../components/CursorPager';
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
  const trail = useCursorTrail();
  const lines = useAsync((signal) => api.payrollLines(payrollId, { status }, { limit: PAGE_SIZE, cursor: trail.cursor }, signal), [payrollId, status, trail.page, trail.cursor, version]);
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
            trail.reset();
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
      {/* No 刷新 here: the payroll page's own reads the payroll again, and the lines follow whenever it moved (`version`). */}
      <CursorPager trail={trail} list={lines} refreshable={false} />
    </Space>
  );
}
