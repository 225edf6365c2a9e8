import { useEffect, useState } from 'react';
import { Alert, App, Button, Input, Space, Table, Tag, Typography } from 'antd';
import { LinkOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { formatYuan } from '@domain/money';
import type { Stage } from '@surgery/stages';
import type { CaseView, ClaimView, StuckItem, StuckReason } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { useHospitals } from '../components/hospitals';
import { useAsync } from '../components/useAsync';
import { describeError } from '../components/problems';
import { formatDateTime } from '../components/datetime';
import { StageTag } from '../cases/StageTag';
import { waitingClaim } from '../cases/claims';
import { ProposeClaimModal } from './ProposeClaimModal';
import { setTemporalUiUrl, temporalUiUrl, workflowLink } from './temporalUi';

const REFRESH_MS = 10_000;
const KIND_COLORS: Record<string, string> = { STAGE_OVERDUE: 'orange', ACTIVITY_RETRYING: 'red', WORKFLOW_TASK_FAILING: 'magenta', PAYMENT_DISCREPANCY: 'volcano' };

/** Items of different programs may share an id; the kind keeps their rows apart. */
const rowKeyOf = (item: StuckItem) => `${item.kind}:${item.id}`;

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

function ReasonLine({ reason }: { reason: StuckReason }) {
  const { t, language } = useI18n();
  const labels = useLabels();
  const parts: string[] = [];
  if (reason.kind === 'STAGE_OVERDUE' && reason.since) parts.push(t('stuck.overdueSince', { since: formatDateTime(reason.since, language) }));
  if (reason.activity) parts.push(t('stuck.activity', { activity: reason.activity }));
  if (reason.attempts) parts.push(t('stuck.attempts', { attempts: reason.attempts }));
  if (reason.kind !== 'STAGE_OVERDUE' && reason.since) parts.push(t('stuck.since', { since: formatDateTime(reason.since, language) }));
  const discrepancy = reason.kind === 'PAYMENT_DISCREPANCY' ? parseDiscrepancyDetail(reason.detail) : undefined;
  if (discrepancy) {
    return (
      <div style={{ marginBottom: 4 }} data-testid="discrepancy-reason">
        <Tag color={KIND_COLORS[reason.kind]}>{labels.stuckKind(reason.kind)}</Tag>
        {parts.join(' · ')}
        <div>
          <Typography.Text type="danger">
            {t('stuck.discrepancy', {
              payer: labels.payer(discrepancy.payer),
              ledgerStatus: labels.claimStatus(discrepancy.ledgerStatus),
              ledgerAmount: formatYuan(discrepancy.ledgerAmountFen),
              payerStatus: labels.claimStatus(discrepancy.payerStatus),
              payerAmount: formatYuan(discrepancy.payerAmountFen),
            })}
          </Typography.Text>
        </div>
        {discrepancy.payerReference && (
          <div>
            <Typography.Text type="secondary">{t('stuck.discrepancyReference', { reference: discrepancy.payerReference })}</Typography.Text>
          </div>
        )}
      </div>
    );
  }
  return (
    <div style={{ marginBottom: 4 }}>
      <Tag color={KIND_COLORS[reason.kind]}>{labels.stuckKind(reason.kind)}</Tag>
      {parts.join(' · ')}
      {reason.detail && <div><Typography.Text type="secondary">{reason.detail}</Typography.Text></div>}
      {reason.lastFailure && (
        <div>
          <Typography.Text type="danger">{t('stuck.lastFailure', { failure: reason.lastFailure })}</Typography.Text>
        </div>
      )}
    </div>
  );
}

export function StuckPage() {
  const { t, language } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const hospitals = useHospitals();
  const { message } = App.useApp();
  const stuck = useAsync((signal) => api.stuck(signal), []);
  const [proposing, setProposing] = useState<{ view: CaseView; claim: ClaimView } | null>(null);
  const [uiUrl, setUiUrl] = useState(temporalUiUrl());

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

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('stuck.title')}
        </Typography.Title>
        <Space>
          <label htmlFor="temporal-ui-url">{t('stuck.temporalUi')}</label>
          <Input
            id="temporal-ui-url"
            style={{ width: 220 }}
            value={uiUrl}
            onChange={(e) => setUiUrl(e.target.value)}
            onBlur={() => {
              setTemporalUiUrl(uiUrl);
              setUiUrl(temporalUiUrl());
            }}
          />
          <Button icon={<ReloadOutlined />} onClick={stuck.reload}>
            {t('list.refresh')}
          </Button>
        </Space>
      </div>
      <Typography.Text type="secondary">{t('stuck.help')}</Typography.Text>
      {stuck.error !== undefined && <Alert type="error" showIcon title={describeError(t, stuck.error, labels.stage)} />}
      <Table<StuckItem>
        rowKey={rowKeyOf}
        size="middle"
        loading={stuck.loading && !stuck.data}
        dataSource={stuck.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: t('stuck.empty') }}
        scroll={{ x: 1000 }}
        columns={[
          { title: t('stuck.itemKind'), width: 90, render: (_, item) => <Tag data-testid="stuck-item-kind">{labels.stuckItemKind(item.kind)}</Tag> },
          {
            title: t('stuck.itemId'),
            width: 150,
            render: (_, item) => (item.caseId ? <Link to={`/cases/${encodeURIComponent(item.caseId)}`}>{item.caseId}</Link> : item.id),
          },
          { title: t('field.stage'), width: 140, render: (_, item) => (item.kind === 'case' ? <StageTag stage={item.stage as Stage} /> : <Tag>{labels.stage(item.stage)}</Tag>) },
          { title: t('case.stageEnteredAt'), width: 140, render: (_, item) => formatDateTime(item.stageEnteredAt, language) },
          { title: t('field.town'), width: 100, render: (_, item) => item.town ?? '—' },
          { title: t('field.hospital'), width: 150, render: (_, item) => (item.hospitalId ? hospitals.name(item.hospitalId) : '—') },
          { title: t('stuck.reasons'), render: (_, item) => item.reasons.map((reason, i) => <ReasonLine key={i} reason={reason} />) },
          {
            title: t('money.action'),
            width: 170,
            render: (_, item) => {
              const caseId = item.caseId;
              if (caseId === undefined) return null;
              return (
                <Space orientation="vertical" size={4}>
                  <a href={workflowLink(caseId, 'default', uiUrl)} target="_blank" rel="noreferrer">
                    <LinkOutlined /> {t('stuck.workflow')}
                  </a>
                  {item.stage === 'REIMBURSING' && (
                    <Button size="small" onClick={() => void openPropose(caseId)}>
                      {t('propose.open')}
                    </Button>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      {proposing && <ProposeClaimModal view={proposing.view} claim={proposing.claim} onClose={() => setProposing(null)} onProposed={() => stuck.reload()} />}
    </Space>
  );
}
