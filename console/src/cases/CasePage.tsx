import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { Alert, App, Card, Col, Descriptions, Result, Row, Skeleton, Space } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { isTerminal, WITHDRAWABLE_STAGES } from '@surgery/stages';
import { LIFE_EVENT_TYPES } from '@domain/life-events';
import type { CaseEventView, CaseView, ClaimView } from '../api/types';
import { ApiError } from '../api/problem';
import { useAuth, useSession } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { useHospitals } from '../components/hospitals';
import { describeError } from '../components/problems';
import { RecordHeader } from '../components/RecordHeader';
import type { MessageKey } from '../i18n/zh-CN';
import { formatDateTime } from '../components/datetime';
import { OverdueBadge, StageTag } from './StageTag';
import { StageStepper } from './StageStepper';
import { MoneyPanel } from './MoneyPanel';
import { SettlementSheetButton } from './SettlementSheetButton';
import { EventTimeline } from './EventTimeline';
import { ScreeningForm } from './actions/ScreeningForm';
import { AdmissionForm } from './actions/AdmissionForm';
import { SurgeryForm } from './actions/SurgeryForm';
import { DischargeForm } from './actions/DischargeForm';
import { WithdrawButton } from './actions/WithdrawButton';
import { ProposeClaimModal } from '../admin/ProposeClaimModal';
import { useNarrow } from '../layout/useNarrow';
import { NextStepLine } from './NextStepLine';

// Events and the cascade move on their own (payers, timers): an open case page keeps itself current.
const REFRESH_MS = 4000;

export function CasePage() {
  const { caseId = '' } = useParams();
  const { t, language } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const session = useSession();
  const [view, setView] = useState<CaseView | null>(null);
  const [events, setEvents] = useState<CaseEventView[]>([]);
  const [error, setError] = useState<unknown>(undefined);
  const [proposing, setProposing] = useState<ClaimView | null>(null);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const [nextView, nextEvents] = await Promise.all([api.getCase(caseId, signal), api.getEvents(caseId, signal).catch(() => null)]);
        setView(nextView);
        if (nextEvents) setEvents(nextEvents.items);
        setError(undefined);
      } catch (cause) {
        if ((cause as Error).name !== 'AbortError') setError(cause);
      }
    },
    // The server writes explanations in the language asked for: a switch of language reads the case again.
    [api, caseId, language],
  );

  useEffect(() => {
    const controller = new AbortController();
    setView(null);
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  // The events list may lag behind the case: keep polling a finished case until its last event arrives.
  const lastEvent = events[events.length - 1]?.type;
  const eventsCaughtUp = lastEvent === 'CaseSettled' || lastEvent === 'CaseWithdrawn' || lastEvent === 'LifeEventRecorded' || lastEvent === 'ScreeningRecorded';
  const live = view !== null && (!isTerminal(view.stage) || !eventsCaughtUp);
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [live, load]);

  const changed = (next: CaseView) => {
    setView(next);
    void load();
  };

  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title={t('problem.notFound')} extra={<Link to="/cases">{t('nav.cases')}</Link>} />;
  }
  if (!view) return error ? <Alert type="error" showIcon title={describeError(t, error, labels.stage)} /> : <Skeleton active />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <RecordHeader title={t('case.title', { caseId: view.caseId })} actions={view.stage === 'SETTLED' && <SettlementSheetButton caseId={view.caseId} />} onRefresh={() => void load()}>
        <StageTag stage={view.stage} />
        <OverdueBadge overdue={view.overdue} />
      </RecordHeader>
      {error !== undefined && <Alert type="warning" showIcon title={describeError(t, error, labels.stage)} />}
      <NextStepLine view={view} />
      <Card size="small">
        <StageStepper view={view} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <ApplicantCard view={view} />
            <Card size="small" title={t('money.title')}>
              <MoneyPanel view={view} onPropose={session.role === 'admin' ? setProposing : undefined} onChanged={session.role === 'admin' ? changed : undefined} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <ActionsCard view={view} onChanged={changed} />
            <Card size="small" title={t('timeline.title')}>
              <EventTimeline events={events} />
            </Card>
          </Space>
        </Col>
      </Row>
      {proposing && <ProposeClaimModal view={view} claim={proposing} onClose={() => setProposing(null)} onProposed={() => void load()} />}
    </Space>
  );
}

function ApplicantCard({ view }: { view: CaseView }) {
  const { t, language } = useI18n();
  const labels = useLabels();
  const hospitals = useHospitals();
  const session = useSession();
  const narrow = useNarrow();
  const a = view.applicant;
  // The registry is kept by officers and administrators; a hospital knows the person through the case.
  const personLink = view.personId && session.role !== 'hospital' ? <Link to={`/persons/${encodeURIComponent(view.personId)}`}>{t('case.person')}</Link> : undefined;
  return (
    <Card size="small" title={t('case.applicant')} extra={personLink}>
      <Descriptions size="small" column={narrow ? 1 : 2}>
        <Descriptions.Item label={t('field.name')}>{a.name}</Descriptions.Item>
        <Descriptions.Item label={t('field.idNumber')}>
          <span data-testid="id-number">{a.idNumber}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('field.town')}>{a.town}</Descriptions.Item>
        <Descriptions.Item label={t('field.village')}>{a.village ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('field.phone')}>{a.phone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('field.guardian')}>{a.guardian ? `${a.guardian.name}（${a.guardian.relation}）${a.guardian.phone}` : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('field.hospital')}>{hospitals.name(view.hospitalId)}</Descriptions.Item>
        <Descriptions.Item label={t('field.assistanceCategory')}>{labels.category(view.assistanceCategory)}</Descriptions.Item>
        <Descriptions.Item label={t('field.insured')}>{view.insured ? t('common.yes') : t('common.no')}</Descriptions.Item>
        <Descriptions.Item label={t('field.disabilityCertificate')}>{view.disabilityCertificate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('field.diagnosis')} span={2}>
          {view.diagnosis}
        </Descriptions.Item>
        <Descriptions.Item label={t('case.openedAt')}>{formatDateTime(view.openedAt, language)}</Descriptions.Item>
        <Descriptions.Item label={t('case.stageEnteredAt')}>{formatDateTime(view.stageEnteredAt, language)}</Descriptions.Item>
        {view.screening?.reason && (
          <Descriptions.Item label={t('screening.reason')} span={2}>
            {view.screening.reason}
          </Descriptions.Item>
        )}
        {view.withdrawal && (
          <Descriptions.Item label={t('withdraw.reason')} span={2}>
            {/* A death or a move withdraws a case with the life event's type as its reason. */}
            {(LIFE_EVENT_TYPES as readonly string[]).includes(view.withdrawal.reason) ? t(`lifeEvent.${view.withdrawal.reason}` as MessageKey) : view.withdrawal.reason}
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

/** What the signed-in role may do to this case in its current stage, and nothing else; each done action says so. */
function ActionsCard({ view, onChanged }: { view: CaseView; onChanged: (view: CaseView) => void }) {
  const { t } = useI18n();
  const session = useSession();
  const { message } = App.useApp();
  const withdrawable = session.role === 'officer' && (WITHDRAWABLE_STAGES as readonly string[]).includes(view.stage);
  const done = (key: MessageKey) => (next: CaseView) => {
    void message.success(t(key, { caseId: next.caseId }));
    onChanged(next);
  };
  let form: ReactElement | null = null;
  let title = t('actions.title');
  if (session.role === 'officer' && view.stage === 'SCREENING') {
    form = <ScreeningForm view={view} onDone={done('done.screening')} />;
    title = t('screening.title');
  } else if (session.role === 'hospital' && view.stage === 'AWAITING_ADMISSION') {
    form = <AdmissionForm view={view} onDone={done('done.admission')} />;
    title = t('admission.title');
  } else if (session.role === 'hospital' && view.stage === 'AWAITING_SURGERY') {
    form = <SurgeryForm view={view} onDone={done('done.surgery')} />;
    title = t('surgery.title');
  } else if (session.role === 'hospital' && view.stage === 'REHABILITATION') {
    form = <DischargeForm view={view} onDone={done('done.discharge')} />;
    title = t('discharge.title');
  }
  // Nothing to do here: the next-step line above already says who the case waits for.
  if (!form && !withdrawable) return null;
  return (
    <Card size="small" title={title} extra={withdrawable ? <WithdrawButton view={view} onDone={done('done.withdrawal')} /> : undefined}>
      {form}
    </Card>
  );
}
