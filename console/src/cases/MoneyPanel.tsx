import { Alert, Button, Descriptions, Table, Tag, Typography } from 'antd';
import { formatYuan } from '@domain/money';
import { PAYERS } from '@surgery/stages';
import type { CaseView, ClaimView } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { waitingClaim } from './claims';
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
  const bill = view.discharge?.bill;
  const reimbursement = view.reimbursement;
  const waiting = waitingClaim(view);
  // One open proposal per claim: while one waits for approval, there is nothing more to propose.
  const openProposal = reimbursement?.proposals?.some((p) => p.payer === waiting?.payer && p.state === 'PROPOSED') ?? false;
  // Before reimbursement starts the API sends no claims; show the five payers waiting anyway.
  const claims: ClaimView[] =
    reimbursement?.claims ??
    PAYERS.map((payer) => ({ payer, status: 'PENDING', amountFen: 0, reason: null, reference: null, decidedBy: null, explanation: null, attempts: 0, lastError: null }));

  return (
    <section aria-label={t('money.title')} data-testid="money-panel">
      {!bill && <Alert type="info" showIcon title={t('money.notYet')} style={{ marginBottom: 12 }} />}
      <Table<ClaimView>
        rowKey="payer"
        size="small"
        pagination={false}
        dataSource={claims}
        columns={[
          { title: t('money.order'), width: 56, render: (_, __, index) => index + 1 },
          { title: t('money.payer'), width: 120, render: (_, claim) => labels.payer(claim.payer) },
          {
            title: t('money.status'),
            render: (_, claim) => (
              <>
                <Tag color={STATUS_COLORS[claim.status]}>{labels.claimStatus(claim.status)}</Tag>
                {claim.decidedBy === 'admin' && <Tag>{t('money.byAdmin')}</Tag>}
              </>
            ),
          },
          {
            title: t('money.amount'),
            align: 'right',
            width: 110,
            render: (_, claim) => <span data-testid={`amount-${claim.payer}`}>{claim.status === 'PAID' || claim.status === 'REJECTED' ? formatYuan(claim.amountFen) : '—'}</span>,
          },
          {
            title: t('money.explanation'),
            render: (_, claim) => (
              <div style={{ maxWidth: 420 }}>
                {claim.explanation && <div>{claim.explanation}</div>}
                {claim.reason && <Typography.Text type="secondary">{t('money.reason', { reason: claim.reason })}</Typography.Text>}
                {claim.reference && <div><Typography.Text type="secondary">{t('money.reference', { reference: claim.reference })}</Typography.Text></div>}
                {claim.lastError && claim.status === 'IN_PROGRESS' && (
                  <div>
                    <Typography.Text type="danger">{t('money.retrying', { attempts: claim.attempts, error: claim.lastError })}</Typography.Text>
                  </div>
                )}
              </div>
            ),
          },
          ...(onPropose
            ? [
                {
                  title: t('money.action'),
                  render: (_: unknown, claim: ClaimView) =>
                    waiting?.payer === claim.payer && !openProposal ? (
                      <Button size="small" onClick={() => onPropose(claim)}>
                        {t('propose.open')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <DiscrepanciesPanel view={view} />
      <ProposalsPanel view={view} onChanged={onChanged} />
      <Descriptions size="small" column={2} style={{ marginTop: 12 }} bordered>
        <Descriptions.Item label={t('money.billTotal')}>{bill ? formatYuan(bill.totalFen) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('money.policyScope')}>{bill ? formatYuan(bill.policyScopeFen) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('money.paid')}>
          <span data-testid="paid-total">{reimbursement ? formatYuan(reimbursement.paidFen) : '—'}</span>
        </Descriptions.Item>
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
      </Descriptions>
      {reimbursement && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('money.policyVersion', { version: reimbursement.policyVersion })}
        </Typography.Paragraph>
      )}
    </section>
  );
}
