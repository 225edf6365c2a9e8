import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatYuan } from '@domain/money';
import { PAYERS } from '@surgery/stages';
import type { CaseView, ClaimView } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { owedFen, waitingClaim } from './claims';
import { useNarrow } from '../layout/useNarrow';
import { useSession } from '../auth/AuthProvider';
import { ProposalsPanel } from './ProposalsPanel';
import { DiscrepanciesPanel } from './DiscrepanciesPanel';

const STATUS_COLORS: Record<ClaimView['status'], string> = { PENDING: 'default', IN_PROGRESS: 'processing', PAID: 'success', REJECTED: 'warning' };

/**
 * The five payers in cascade order, what each paid and why, and the totals (out-of-pocket must end at 0);
 * then the resolutions by hand proposed (approve / reject for an administrator) and any payment discrepancy.
 * `onPropose` and `onChanged` are given to administrators only.
 */
export function MoneyPanel({ view, onPropose, onChanged }: { view: CaseView; onPropose?: (claim: ClaimView) => void; onChanged?: (view: CaseView) => void }) {
  const { t } = useI18n();
  const labels = useLabels();
  const narrow = useNarrow();
  const session = useSession();
  const bill = view.discharge?.bill;
  const reimbursement = view.reimbursement;
  const waiting = waitingClaim(view);
  // One open proposal per claim: while one waits for approval, there is nothing more to propose.
  const openProposal = reimbursement?.proposals?.some((p) => p.payer === waiting?.payer && p.state === 'PROPOSED') ?? false;
  // Before reimbursement starts the API sends no claims; show the five payers waiting anyway.
  const claims: ClaimView[] =
    reimbursement?.claims ??
    PAYERS.map((payer) => ({ payer, status: 'PENDING', amountFen: 0, reason: null, reference: null, decidedBy: null, explanation: null, attempts: 0, lastError: null }));

  const status = (claim: ClaimView) => (
    <>
      <Tag color={STATUS_COLORS[claim.status]}>{labels.claimStatus(claim.status)}</Tag>
      {claim.decidedBy === 'admin' && <Tag>{t('money.byAdmin')}</Tag>}
    </>
  );
  const amount = (claim: ClaimView) => <span data-testid={`amount-${claim.payer}`}>{claim.status === 'PAID' || claim.status === 'REJECTED' ? formatYuan(claim.amountFen) : '—'}</span>;
  const proposeButton = (claim: ClaimView) =>
    onPropose && waiting?.payer === claim.payer && !openProposal ? (
      <Button size="small" onClick={() => onPropose(claim)}>
        {t('propose.open')}
      </Button>
    ) : null;
  // A payer that is down is said in words: the hospital has nothing to do; the payer's own message
  // (often in English) is for an administrator's eyes only, on hover.
  const explain = (claim: ClaimView): ReactNode => (
    <>
      {claim.explanation && <div>{claim.explanation}</div>}
      {claim.reason && <Typography.Text type="secondary">{t('money.reason', { reason: claim.reason })}</Typography.Text>}
      {claim.reference && <div><Typography.Text type="secondary">{t('money.reference', { reference: claim.reference })}</Typography.Text></div>}
      {claim.lastError && claim.status === 'IN_PROGRESS' && (
        <div data-testid={`outage-${claim.payer}`}>
          <Typography.Text type="warning" title={session.role === 'admin' ? claim.lastError : undefined}>
            {t('money.payerDown', { payer: labels.payer(claim.payer), attempts: claim.attempts })}
          </Typography.Text>
        </div>
      )}
    </>
  );
  const reimbursing = view.stage === 'REIMBURSING';
  const owed = owedFen(view);

  return (
    <section aria-label={t('money.title')} data-testid="money-panel">
      {!bill && <Alert type="info" showIcon title={t('money.notYet')} style={{ marginBottom: 12 }} />}
      {narrow ? (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {claims.map((claim, index) => (
            <Card key={claim.payer} size="small" data-testid={`claim-card-${claim.payer}`}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                <Typography.Text strong>
                  {index + 1}. {labels.payer(claim.payer)}
                </Typography.Text>
                <span style={{ whiteSpace: 'nowrap' }}>{amount(claim)}</span>
              </div>
              <div>{status(claim)}</div>
              {explain(claim)}
              {proposeButton(claim)}
            </Card>
          ))}
        </Space>
      ) : (
      <Table<ClaimView>
        rowKey="payer"
        size="small"
        pagination={false}
        dataSource={claims}
        columns={[
          { title: t('money.order'), width: 56, render: (_, __, index) => index + 1 },
          { title: t('money.payer'), width: 120, render: (_, claim) => labels.payer(claim.payer) },
          { title: t('money.status'), render: (_, claim) => status(claim) },
          { title: t('money.amount'), align: 'right', width: 110, render: (_, claim) => <span style={{ whiteSpace: 'nowrap' }}>{amount(claim)}</span> },
          { title: t('money.explanation'), render: (_, claim) => <div style={{ maxWidth: 420 }}>{explain(claim)}</div> },
          ...(onPropose ? [{ title: t('money.action'), render: (_: unknown, claim: ClaimView) => proposeButton(claim) }] : []),
        ]}
      />
      )}
      <DiscrepanciesPanel view={view} />
      <ProposalsPanel view={view} onChanged={onChanged} />
      <Descriptions size="small" column={narrow ? 1 : 2} style={{ marginTop: 12 }} bordered>
        <Descriptions.Item label={t('money.billTotal')}>{bill ? formatYuan(bill.totalFen) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('money.policyScope')}>{bill ? formatYuan(bill.policyScopeFen) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('money.paid')}>
          <span data-testid="paid-total">{reimbursement ? formatYuan(reimbursement.paidFen) : '—'}</span>
        </Descriptions.Item>
        {reimbursing ? (
          // While payers still decide, nothing is the patient's yet: what remains is to be paid, not out of pocket.
          <Descriptions.Item label={t('money.toPay')}>
            <span data-testid="to-pay">
              <Typography.Text strong type="warning">
                {formatYuan(owed)}
              </Typography.Text>
            </span>
          </Descriptions.Item>
        ) : (
          <Descriptions.Item label={t('money.outOfPocket')}>
            <span data-testid="out-of-pocket">
              {reimbursement ? (
                <Typography.Text strong type={reimbursement.outOfPocketFen === 0 && view.stage === 'SETTLED' ? 'success' : undefined}>
                  {formatYuan(reimbursement.outOfPocketFen)}
                </Typography.Text>
              ) : (
                '—'
              )}
            </span>
          </Descriptions.Item>
        )}
      </Descriptions>
      {reimbursement && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('money.policyVersion', { version: reimbursement.policyVersion })}
        </Typography.Paragraph>
      )}
    </section>
  );
}
