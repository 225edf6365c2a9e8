import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, List, Space, Table, Tag, Typography } from 'antd';
import { LinkOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { formatYuan } from '@domain/money';
import type { Stage } from '@surgery/stages';
import type { CaseView, ClaimView, StuckItem, StuckReason } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useI18n, type Translate } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { useHospitals } from '../components/hospitals';
import { useAsync } from '../components/useAsync';
import { describeError } from '../components/problems';
import { formatDateTime } from '../components/datetime';
import { StageTag } from '../cases/StageTag';
import { owedFen, waitingClaim } from '../cases/claims';
import { useNarrow } from '../layout/useNarrow';
import type { MessageKey } from '../i18n/zh-CN';
import { ProposeClaimModal } from './ProposeClaimModal';
import { useTemporalUiUrl, workflowLink } from './temporalUi';

const REFRESH_MS = 10_000;
const rowKeyOf = (item: StuckItem) => `${item.kind}:${item.id}`;
const KIND_COLORS: Record<string, string> = { STAGE_OVERDUE: 'orange', ACTIVITY_RETRYING: 'red', WORKFLOW_TASK_FAILING: 'magenta', PAYMENT_DISCREPANCY: 'volcano' };

export interface DiscrepancyDetail {
  payer: string;
  key: string;
  ledgerStatus: string;
  ledgerAmountFen: number;
  payerStatus: string;
  payerAmountFen: number;
  payerReference: string | null;
}

/**
 * The API words a PAYMENT_DISCREPANCY reason in English with both amounts in fen:
 * "MEDICAL_ASSISTANCE (key): the ledger has PAID ¥1.00 (100 fen), the payer's books PAID ¥2.00 (200 fen), reference R".
 * Read back into its parts so that it can be put in the clerk's words; undefined when it does not read so.
 */
export function parseDiscrepancyDetail(detail: string | null | undefined): DiscrepancyDetail | undefined {
  const match = /^(\w+) \(([^)]*)\): the ledger has (\w+) \S+ \((\d+) fen\), the payer's books (\w+) \S+ \((\d+) fen\)(?:, reference (.+))?$/.exec(detail ?? '');
  if (!match) return undefined;
  return {
    payer: match[1]!,
    key: match[2]!,
    ledgerStatus: match[3]!,
    ledgerAmountFen: Number(match[4]),
    payerStatus: match[5]!,
    payerAmountFen: Number(match[6]),
    payerReference: match[7] ?? null,
  };
}

/** An activity of the case workflow in a clerk's words; an unknown one by a neutral phrase. */
function activityText(t: Translate, activity: string | null | undefined, payer: string | undefined): string {
  const known: Record<string, MessageKey> = {
    submitClaim: 'stuck.activity.submitClaim',
    voidClaimAtPayer: 'stuck.activity.voidClaimAtPayer',
    claimRecordAtPayer: 'stuck.activity.claimRecordAtPayer',
    loadPolicy: 'stuck.activity.loadPolicy',
  };
  const key = activity ? known[activity] : undefined;
  return t(key ?? 'stuck.activity.other', { payer: payer ?? t('stuck.thePayer') });
}

/** What went wrong, in words; the system's own message (often English) folded away for the technician. */
function ReasonLine({ reason, payer, ofCase }: { reason: StuckReason; payer?: string; ofCase: boolean }) {
  const { t, language } = useI18n();
  const labels = useLabels();
  const discrepancy = reason.kind === 'PAYMENT_DISCREPANCY' ? parseDiscrepancyDetail(reason.detail) : undefined;
  let text: string;
  // A case's step is put in a hospital clerk's words here; an enrolment's, a payroll's or a
  // pairing's comes in the server's own words, in the console's language.
  if (reason.kind === 'ACTIVITY_RETRYING' && !ofCase && reason.detail) text = reason.detail;
  else if (reason.kind === 'ACTIVITY_RETRYING') text = t('stuck.retrying', { what: activityText(t, reason.activity, payer), attempts: reason.attempts ?? 0 });
  else if (reason.kind === 'WORKFLOW_TASK_FAILING') text = t('stuck.taskFailing');
  else if (reason.kind === 'STAGE_OVERDUE') text = reason.detail ?? t('stuck.overdueSince', { since: formatDateTime(reason.since, language) });
  else text = reason.detail ?? '';
  const technical = [reason.kind !== 'STAGE_OVERDUE' && reason.kind !== 'PAYMENT_DISCREPANCY' && text !== reason.detail ? reason.detail : null, reason.lastFailure].filter(Boolean).join(' — ');
  return (
    <div style={{ marginBottom: 4 }} data-testid={discrepancy ? 'discrepancy-reason' : undefined}>
      <Tag color={KIND_COLORS[reason.kind]}>{labels.stuckKind(reason.kind)}</Tag>
      {discrepancy ? (
        <Typography.Text type="danger">
          {t('stuck.discrepancy', {
            payer: labels.payer(discrepancy.payer),
            ledgerStatus: labels.claimStatus(discrepancy.ledgerStatus),
            ledgerAmount: formatYuan(discrepancy.ledgerAmountFen),
            payerStatus: labels.claimStatus(discrepancy.payerStatus),
            payerAmount: formatYuan(discrepancy.payerAmountFen),
          })}
          {discrepancy.payerReference && ` ${t('stuck.discrepancyReference', { reference: discrepancy.payerReference })}`}
        </Typography.Text>
      ) : (
        <span>{text}</span>
      )}
      {reason.kind !== 'STAGE_OVERDUE' && reason.since && <Typography.Text type="secondary"> · {t('stuck.since', { since: formatDateTime(reason.since, language) })}</Typography.Text>}
      {technical && (
        <details>
          <summary>
            <Typography.Text type="secondary">{t('stuck.technical')}</Typography.Text>
          </summary>
          <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
            {technical}
          </Typography.Text>
        </details>
      )}
    </div>
  );
}

/** Who the stuck case is about and what it still owes: from the list when the server sends it, else from the case. */
function useStuckFacts(items: StuckItem[] | undefined) {
  const { api } = useAuth();
  const [views, setViews] = useState<Record<string, CaseView>>({});
  const missing = (items ?? []).filter((item) => item.caseId !== undefined && item.applicantName === undefined && !views[item.caseId]).map((item) => item.caseId!);
  const key = missing.join(',');
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    void Promise.all(key.split(',').map((caseId) => api.getCase(caseId, controller.signal).catch(() => null))).then((found) => {
      if (controller.signal.aborted) return;
      setViews((all) => ({ ...all, ...Object.fromEntries(found.filter((v): v is CaseView => v !== null).map((v) => [v.caseId, v])) }));
    });
    return () => controller.abort();
  }, [api, key]);
  return (item: StuckItem) => {
    const view = item.caseId === undefined ? undefined : views[item.caseId];
    return {
      name: item.applicantName ?? view?.applicant.name,
      outstandingFen: item.outstandingFen ?? (view && view.stage === 'REIMBURSING' ? owedFen(view) : undefined),
      payer: item.waitingPayer ?? (view ? waitingClaim(view)?.payer : undefined),
    };
  };
}

export function StuckPage() {
  const { t, language } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const hospitals = useHospitals();
  const { message } = App.useApp();
  const stuck = useAsync((signal) => api.stuck(signal), []);
  const [proposing, setProposing] = useState<{ view: CaseView; claim: ClaimView } | null>(null);
  const uiUrl = useTemporalUiUrl();
  const facts = useStuckFacts(stuck.data?.items);
  const narrow = useNarrow();

  useEffect(() => {
    const timer = setInterval(stuck.reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [stuck.reload]);

  async function openPropose(caseId: string) {
    try {
      const view = await api.getCase(caseId);
      const claim = waitingClaim(view);
      if (!claim) {
        void message.info(t('stuck.nothingToResolve'));
        return;
      }
      if (view.reimbursement?.proposals?.some((p) => p.payer === claim.payer && p.state === 'PROPOSED')) {
        void message.info(t('stuck.proposalWaiting'));
        return;
      }
      setProposing({ view, claim });
    } catch (cause) {
      void message.error(describeError(t, cause, labels.stage));
    }
  }

  const payerOf = (item: StuckItem) => {
    const payer = facts(item).payer;
    return payer ? labels.payer(payer) : undefined;
  };
  const who = (item: StuckItem) => (
    <div>
      <Typography.Text strong>{facts(item).name ?? '…'}</Typography.Text>
      <div>
        <Tag data-testid="stuck-item-kind">{labels.stuckItemKind(item.kind)}</Tag>
        {item.caseId ? (
          <Link to={`/cases/${encodeURIComponent(item.caseId)}`} style={{ wordBreak: 'break-all' }}>
            {item.caseId}
          </Link>
        ) : (
          <span style={{ wordBreak: 'break-all' }}>{item.id}</span>
        )}
      </div>
    </div>
  );
  const owed = (item: StuckItem) => {
    const fen = facts(item).outstandingFen;
    return fen === undefined ? null : (
      <Typography.Text strong type="warning" style={{ whiteSpace: 'nowrap' }} data-testid="stuck-outstanding">
        {t('stuck.toPay', { amount: formatYuan(fen) })}
      </Typography.Text>
    );
  };
  const actions = (item: StuckItem) => {
    const caseId = item.caseId;
    if (caseId === undefined) return null;
    return (
    <Space orientation="vertical" size={4}>
      {uiUrl && (
        <a href={workflowLink(caseId, 'default', uiUrl)} target="_blank" rel="noreferrer">
          <LinkOutlined /> {t('stuck.workflow')}
        </a>
      )}
      {item.stage === 'REIMBURSING' && (
        <Button size="small" onClick={() => void openPropose(caseId)}>
          {t('propose.open')}
        </Button>
      )}
    </Space>
    );
  };
  const stageTag = (item: StuckItem) => (item.kind === 'case' ? <StageTag stage={item.stage as Stage} /> : <Tag>{labels.stage(item.stage)}</Tag>);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('stuck.title')}
        </Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={stuck.reload}>
          {t('list.refresh')}
        </Button>
      </div>
      <Typography.Text type="secondary">{t('stuck.help')}</Typography.Text>
      {stuck.error !== undefined && <Alert type="error" showIcon title={describeError(t, stuck.error, labels.stage)} />}
      {narrow ? (
        <List<StuckItem>
          loading={stuck.loading && !stuck.data}
          dataSource={stuck.data?.items ?? []}
          locale={{ emptyText: t('stuck.empty') }}
          renderItem={(item) => (
            <List.Item key={rowKeyOf(item)} style={{ padding: '4px 0', border: 'none' }}>
              <Card size="small" style={{ width: '100%' }} data-testid="stuck-card">
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                  {who(item)}
                  {stageTag(item)}
                </div>
                {owed(item)}
                {item.reasons.map((reason, i) => (
                  <ReasonLine key={i} reason={reason} payer={payerOf(item)} ofCase={item.kind === 'case'} />
                ))}
                {actions(item)}
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table<StuckItem>
          rowKey={rowKeyOf}
          size="middle"
          loading={stuck.loading && !stuck.data}
          dataSource={stuck.data?.items ?? []}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          locale={{ emptyText: t('stuck.empty') }}
          columns={[
            { title: t('stuck.case'), width: 170, render: (_, item) => who(item) },
            { title: t('field.stage'), width: 150, render: (_, item) => <Space orientation="vertical" size={0}>{stageTag(item)}<Typography.Text type="secondary">{formatDateTime(item.stageEnteredAt, language)}</Typography.Text></Space> },
            { title: t('stuck.outstanding'), width: 120, align: 'right', render: (_, item) => owed(item) },
            { title: t('field.hospital'), width: 150, render: (_, item) => <>{item.hospitalId ? hospitals.name(item.hospitalId) : '—'}<div><Typography.Text type="secondary">{item.town ?? ''}</Typography.Text></div></> },
            { title: t('stuck.reasons'), render: (_, item) => item.reasons.map((reason, i) => <ReasonLine key={i} reason={reason} payer={payerOf(item)} ofCase={item.kind === 'case'} />) },
            { title: t('money.action'), width: 150, render: (_, item) => actions(item) },
          ]}
        />
      )}
      {proposing && <ProposeClaimModal view={proposing.view} claim={proposing.claim} onClose={() => setProposing(null)} onProposed={() => stuck.reload()} />}
    </Space>
  );
}
