import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Result, Row, Skeleton, Space, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import type { PayrollView } from '../api/types';
import { ApiError } from '../api/problem';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { PayrollStageTag } from './PayrollStageTag';
import { PayrollStepper } from './PayrollStepper';
import { PayrollTotals } from './PayrollTotals';
import { RejectionsList } from './RejectionsList';
import { DroppedLines } from './DroppedLines';
import { PayrollLinesTable } from './PayrollLinesTable';
import { PayrollActions } from './PayrollActions';
import { ExportCsvButton } from './ExportCsvButton';
import { describePayrollError } from './payrollProblems';

/** While the bank answers batch after batch, an open page keeps itself current. */
export const PAYROLL_REFRESH_MS = 10_000;

/** 发放名册: where the month's payroll stands, its figures, what was sent back or dropped, its lines, and what the role may do now. */
export function PayrollPage() {
  const { payrollId = '' } = useParams();
  const { t } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const [view, setView] = useState<PayrollView | null>(null);
  const [error, setError] = useState<unknown>(undefined);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        setView(await api.getPayroll(payrollId, signal));
        setError(undefined);
      } catch (cause) {
        if ((cause as Error).name !== 'AbortError') setError(cause);
      }
    },
    [api, payrollId],
  );

  useEffect(() => {
    const controller = new AbortController();
    setView(null);
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const disbursing = view?.stage === 'DISBURSING';
  useEffect(() => {
    if (!disbursing) return;
    const timer = setInterval(() => void load(), PAYROLL_REFRESH_MS);
    return () => clearInterval(timer);
  }, [disbursing, load]);

  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title={t('payroll.notFound')} extra={<Link to="/payrolls">{t('nav.payrolls')}</Link>} />;
  }
  if (!view) return error ? <Alert type="error" showIcon title={describePayrollError(t, error, labels.payrollStage)} /> : <Skeleton active />;

  // The lines are read again whenever the payroll moved (a recompute, an approval, a bank answer).
  const version = `${view.stage}|${view.stageEnteredAt}|${view.totals.lines}|${view.totals.paidFen}|${view.totals.returnedFen}|${view.dropped.length}`;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 8 }}>
        <Space align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0, wordBreak: 'break-all' }}>
            {t('payroll.title', { payrollId: view.payrollId })}
          </Typography.Title>
          <span data-testid="payroll-stage">
            <PayrollStageTag stage={view.stage} />
          </span>
        </Space>
        <Space wrap>
          <ExportCsvButton payrollId={view.payrollId} />
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('list.refresh')}
          </Button>
        </Space>
      </div>
      {error !== undefined && <Alert type="warning" showIcon title={describePayrollError(t, error, labels.payrollStage)} />}
      {disbursing && <Alert type="info" showIcon title={t('payroll.autoRefresh')} data-testid="auto-refresh" />}
      <Card size="small">
        <PayrollStepper view={view} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={`${labels.subsidyProgram(view.program)} · ${view.period}`}>
            <PayrollTotals view={view} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <PayrollActions view={view} onChanged={setView} />
        </Col>
      </Row>
      {view.rejections.length > 0 && (
        <Card size="small" title={t('payroll.rejections')}>
          <RejectionsList rejections={view.rejections} />
        </Card>
      )}
      {view.dropped.length > 0 && (
        <Card size="small" title={t('payroll.dropped')}>
          <DroppedLines dropped={view.dropped} />
        </Card>
      )}
      <Card size="small" title={t('payroll.lines')}>
        <PayrollLinesTable payrollId={view.payrollId} version={version} />
      </Card>
    </Space>
  );
}
