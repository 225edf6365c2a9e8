import { useState } from 'react';
import { Alert, Card, Col, Result, Row, Skeleton, Space } from 'antd';
import { Link, useParams } from 'react-router-dom';
import type { PayrollView } from '../api/types';
import { ApiError } from '../api/problem';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { useLiveView } from '../components/useLiveView';
import { RecordHeader } from '../components/RecordHeader';
import { PayrollStageTag } from './PayrollStageTag';
import { PayrollStepper } from './PayrollStepper';
import { PayrollTotals } from './PayrollTotals';
import { RejectionsList } from './RejectionsList';
import { DroppedLines } from './DroppedLines';
import { PayrollLinesTable } from './PayrollLinesTable';
import { PayrollActions } from './PayrollActions';
import { PayrollFiles } from './PayrollFiles';
import { ReconciliationCard } from './ReconciliationCard';
import { BankFileDownloadsCard } from './BankFileDownloadsCard';
import { mayReadBankFileDownloads } from './whoMay';
import { describePayrollError } from './payrollProblems';

/** While the bank answers batch after batch, an open page keeps itself current. */
export const PAYROLL_REFRESH_MS = 10_000;

const isDisbursing = (payroll: PayrollView) => payroll.stage === 'DISBURSING';

/** 发放名册: where the month's payroll stands, its figures, what was sent back or dropped, its lines, and what the role may do now. */
export function PayrollPage() {
  const { payrollId = '' } = useParams();
  const { t } = useI18n();
  const labels = useLabels();
  const { api, session } = useAuth();
  const { view, setView, error, load } = useLiveView<PayrollView>((signal) => api.getPayroll(payrollId, signal), [api, payrollId], PAYROLL_REFRESH_MS, isDisbursing);
  const disbursing = view !== null && isDisbursing(view);
  // Bank files saved from this page: the download record is read again after each.
  const [bankFilesSaved, setBankFilesSaved] = useState(0);

  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title={t('payroll.notFound')} extra={<Link to="/payrolls">{t('nav.payrolls')}</Link>} />;
  }
  if (!view) return error ? <Alert type="error" showIcon title={describePayrollError(t, error, labels.payrollStage)} /> : <Skeleton active />;

  // The lines are read again whenever the payroll moved (a recompute, an approval, a bank answer).
  const version = `${view.stage}|${view.stageEnteredAt}|${view.totals.lines}|${view.totals.paidFen}|${view.totals.returnedFen}|${view.dropped.length}`;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <RecordHeader title={t('payroll.title', { payrollId: view.payrollId })} actions={<PayrollFiles view={view} onBankFileSaved={() => setBankFilesSaved((n) => n + 1)} />} onRefresh={() => void load()}>
        <span data-testid="payroll-stage">
          <PayrollStageTag stage={view.stage} />
        </span>
      </RecordHeader>
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
      {session?.role === 'admin' && (view.stage === 'DISBURSING' || view.stage === 'RECONCILED') && <ReconciliationCard view={view} version={version} />}
      {session && mayReadBankFileDownloads(session.role, view.stage) && <BankFileDownloadsCard payrollId={view.payrollId} version={`${version}|${bankFilesSaved}`} />}
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
