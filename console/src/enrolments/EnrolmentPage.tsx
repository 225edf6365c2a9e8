import { Alert, Card, Col, Descriptions, Result, Row, Skeleton, Space } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { formatYuan } from '@domain/money';
import { isTerminalEnrolmentStage } from '@subsidy/stages';
import type { EnrolmentView } from '../api/types';
import { ApiError } from '../api/problem';
import { useAuth, useSession } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { describeError } from '../components/problems';
import { useLiveView } from '../components/useLiveView';
import { RecordHeader } from '../components/RecordHeader';
import { formatDateTime } from '../components/datetime';
import { useNarrow } from '../layout/useNarrow';
import { OverdueBadge } from '../cases/StageTag';
import { EnrolmentStageTag } from './EnrolmentStageTag';
import { EnrolmentStepper } from './EnrolmentStepper';
import { MonthsGrid } from './MonthsGrid';
import { RecoveryPanel } from './RecoveryPanel';
import { EnrolmentActions } from './EnrolmentActions';

// The public notice ends on a timer and payrolls move months on their own: an open page keeps itself current.
const REFRESH_MS = 10_000;

/** 补贴申请: where the application stands, what the signed-in role may do now, and every month owed with what became of it. */
export function EnrolmentPage() {
  const { enrolmentId = '' } = useParams();
  const { t } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const { view, setView, error, load } = useLiveView<EnrolmentView>((signal) => api.getEnrolment(enrolmentId, signal), [api, enrolmentId], REFRESH_MS, (current) => !isTerminalEnrolmentStage(current.stage));

  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title={t('problem.notFound')} extra={<Link to="/enrolments">{t('nav.enrolments')}</Link>} />;
  }
  if (!view) return error ? <Alert type="error" showIcon title={describeError(t, error, labels.enrolmentStage)} /> : <Skeleton active />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <RecordHeader title={t('enrolment.title', { enrolmentId: view.enrolmentId })} onRefresh={() => void load()}>
        <span data-testid="enrolment-stage">
          <EnrolmentStageTag stage={view.stage} />
        </span>
        <OverdueBadge overdue={view.overdue} />
      </RecordHeader>
      {error !== undefined && <Alert type="warning" showIcon title={describeError(t, error, labels.enrolmentStage)} />}
      <Card size="small">
        <EnrolmentStepper view={view} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <DetailsCard view={view} />
            <Card size="small" title={t('enrolment.months')}>
              <MonthsGrid months={view.months} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <EnrolmentActions view={view} onChanged={(next) => setView(next)} />
            {view.recovery && (
              <Card size="small" title={t('enrolment.recovery')}>
                <RecoveryPanel recovery={view.recovery} />
              </Card>
            )}
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

function reviewText(t: ReturnType<typeof useI18n>['t'], review: { approved: boolean; reason: string | null; reviewedBy?: string; decidedBy?: string }): string {
  return t('enrolment.reviewValue', {
    verdict: review.approved ? t('enrolment.approved') : t('enrolment.refused'),
    by: review.reviewedBy ?? review.decidedBy ?? '',
    reason: review.reason ?? '',
  }).trim();
}

function DetailsCard({ view }: { view: EnrolmentView }) {
  const { t, language } = useI18n();
  const labels = useLabels();
  const session = useSession();
  const narrow = useNarrow();
  // The registry is kept by officers and administrators; the others know the person through the enrolment.
  const personLink = session.role === 'officer' || session.role === 'admin' ? <Link to={`/persons/${encodeURIComponent(view.personId)}`}>{t('enrolment.personLink')}</Link> : undefined;
  const decision = view.decision;
  return (
    <Card size="small" title={labels.subsidyProgram(view.program)} extra={personLink}>
      <Descriptions size="small" column={narrow ? 1 : 2}>
        <Descriptions.Item label={t('field.name')}>{view.person.name}</Descriptions.Item>
        <Descriptions.Item label={t('field.idNumber')}>
          <span data-testid="id-number">{view.person.idNumber}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('field.town')}>{view.person.town}</Descriptions.Item>
        <Descriptions.Item label={t('enrolment.appliedOn')}>{view.appliedOn}</Descriptions.Item>
        <Descriptions.Item label={t('enrolment.bank')}>{view.bankAccount.bank}</Descriptions.Item>
        <Descriptions.Item label={t('enrolment.accountNo')}>
          {/* As the server sends it: masked for every role but finance. */}
          <span data-testid="account-no" style={{ wordBreak: 'break-all' }}>
            {view.bankAccount.accountNo}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('enrolment.openedAt')}>{formatDateTime(view.openedAt, language)}</Descriptions.Item>
        <Descriptions.Item label={t('enrolment.stageEnteredAt')}>{formatDateTime(view.stageEnteredAt, language)}</Descriptions.Item>
        {view.activeFrom && <Descriptions.Item label={t('enrolment.activeFrom')}>{view.activeFrom}</Descriptions.Item>}
        {decision?.approved && <Descriptions.Item label={t('enrolment.monthly')}>{formatYuan(decision.monthlyFen)}</Descriptions.Item>}
        <Descriptions.Item label={t('enrolment.paid')}>{formatYuan(view.paidFen)}</Descriptions.Item>
        {view.terminatedAfter && (
          <Descriptions.Item label={t('enrolment.terminated')}>
            {t('enrolment.terminatedValue', { month: view.terminatedAfter, reason: view.terminationReason ? labels.termination(view.terminationReason) : '—' })}
          </Descriptions.Item>
        )}
        {view.townReview && (
          <Descriptions.Item label={t('enrolment.townReview')} span={narrow ? 1 : 2}>
            {reviewText(t, view.townReview)}
          </Descriptions.Item>
        )}
        {view.cdpfReview && (
          <Descriptions.Item label={t('enrolment.cdpfReview')} span={narrow ? 1 : 2}>
            {reviewText(t, view.cdpfReview)}
          </Descriptions.Item>
        )}
        {decision && (
          <Descriptions.Item label={t('enrolment.decision')} span={narrow ? 1 : 2}>
            {reviewText(t, decision)}
          </Descriptions.Item>
        )}
        {decision && decision.reasons.length > 0 && (
          <Descriptions.Item label={t('enrolment.ineligibleReasons')} span={narrow ? 1 : 2}>
            <span data-testid="ineligible-reasons">{decision.reasons.map((reason) => labels.ineligibility(reason)).join('；')}</span>
          </Descriptions.Item>
        )}
        {view.rejection && (
          <Descriptions.Item label={t('enrolment.rejection')} span={narrow ? 1 : 2}>
            {view.rejection.reason ?? '—'}
          </Descriptions.Item>
        )}
        {view.withdrawal && (
          <Descriptions.Item label={t('enrolment.withdrawal')} span={narrow ? 1 : 2}>
            {view.withdrawal.reason ?? '—'}
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
