import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { LoadingOutlined } from '@ant-design/icons';
import { formatYuan } from '@domain/money';
import type { CaseView, ClaimProposalView } from '../api/types';
import { ApiError } from '../api/problem';
import { useAuth, useSession } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { describeError } from '../components/problems';
import { formatDateTime } from '../components/datetime';
import { fittingModal } from '../components/fittingModal';
import { useNarrow } from '../layout/useNarrow';

const STATE_COLORS: Record<ClaimProposalView['state'], string> = { PROPOSED: 'processing', APPROVED: 'success', REJECTED: 'default', SUPERSEDED: 'warning' };

type Outcome = { type: 'success' | 'warning' | 'info' | 'error'; text: string };

/** "已支付 ¥12,000.00" or "不予支付": what a proposal (or a waiting one) would record. */
export function ProposalDecision({ proposal }: { proposal: Pick<ClaimProposalView, 'status' | 'amountFen' | 'policyAmountFen' | 'overridePolicy'> }) {
  const { t } = useI18n();
  const labels = useLabels();
  if (proposal.status === 'REJECTED') return <>{labels.claimStatus('REJECTED')}</>;
  const above = proposal.amountFen > proposal.policyAmountFen;
  return (
    <Space size={4} wrap>
      <span>{labels.claimStatus('PAID')}</span>
      <Typography.Text strong type={above ? 'danger' : undefined}>
        {formatYuan(proposal.amountFen)}
      </Typography.Text>
      {proposal.overridePolicy && <Tag color="red">{t('proposal.override')}</Tag>}
    </Space>
  );
}

/** Words for the case the approval answered with: the claim resolved by hand, or the payer's own decision that stood. */
export function approvalOutcome(view: CaseView, proposalId: string, t: ReturnType<typeof useI18n>['t'], labels: ReturnType<typeof useLabels>): Outcome {
  const proposal = view.reimbursement?.proposals?.find((p) => p.proposalId === proposalId);
  const claim = view.reimbursement?.claims.find((c) => c.payer === proposal?.payer);
  if (!proposal) return { type: 'info', text: t('proposal.stillWaiting', { proposalId }) };
  const payer = labels.payer(proposal.payer);
  if (proposal.state === 'SUPERSEDED') {
    if (claim?.status === 'PAID') return { type: 'warning', text: t('proposal.supersededPaid', { payer, amount: formatYuan(claim.amountFen), proposalId }) };
    return { type: 'warning', text: t('proposal.supersededRejected', { payer, proposalId }) };
  }
  if (proposal.state === 'APPROVED') {
    const status = claim?.status ?? proposal.status;
    const amount = claim && claim.status === 'PAID' ? formatYuan(claim.amountFen) : proposal.status === 'PAID' ? formatYuan(proposal.amountFen) : '';
    return { type: 'success', text: t('proposal.approved', { proposalId, payer, status: labels.claimStatus(status), amount }) };
  }
  return { type: 'info', text: t('proposal.stillWaiting', { proposalId }) };
}

/**
 * The resolutions by hand proposed for this case, and for an administrator the second pair of
 * eyes: approve (which cancels the payer call and voids the claim at the payer — seconds) or reject.
 */
export function ProposalsPanel({ view, onChanged }: { view: CaseView; onChanged?: (view: CaseView) => void }) {
  const { t, language } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const session = useSession();
  const proposals = view.reimbursement?.proposals ?? [];
  const canDecide = session.role === 'admin' && onChanged !== undefined;
  const [approving, setApproving] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [rejecting, setRejecting] = useState<ClaimProposalView | null>(null);

  if (proposals.length === 0 && !outcome) return null;

  async function approve(proposal: ClaimProposalView) {
    setApproving(proposal.proposalId);
    setOutcome(null);
    try {
      const next = await api.approveProposal(view.caseId, proposal.payer, proposal.proposalId, {});
      setOutcome(approvalOutcome(next, proposal.proposalId, t, labels));
      onChanged?.(next);
    } catch (cause) {
      // 422: the payer could not void the claim; the proposal waits again.
      const voidFailed = cause instanceof ApiError && cause.slug === 'unprocessable';
      setOutcome({ type: 'error', text: voidFailed ? t('proposal.voidFailed', { detail: cause.problem.detail ?? cause.problem.title }) : describeError(t, cause, labels.stage) });
    } finally {
      setApproving(null);
    }
  }

  return (
    <section aria-label={t('proposal.title')} data-testid="proposals-panel" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{t('proposal.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('proposal.help')}
      </Typography.Paragraph>
      {approving && <Alert type="info" showIcon icon={<LoadingOutlined />} title={t('proposal.approving')} style={{ marginBottom: 8 }} data-testid="approving" />}
      {outcome && <Alert type={outcome.type} showIcon title={outcome.text} closable onClose={() => setOutcome(null)} style={{ marginBottom: 8 }} data-testid="proposal-outcome" />}
      <Table<ClaimProposalView>
        rowKey="proposalId"
        size="small"
        pagination={false}
        dataSource={proposals}
        scroll={{ x: 760 }}
        columns={[
          { title: t('proposal.id'), dataIndex: 'proposalId', width: 70 },
          { title: t('money.payer'), width: 110, render: (_, p) => labels.payer(p.payer) },
          {
            title: t('proposal.decision'),
            render: (_, p) => (
              <div data-testid={`proposal-${p.proposalId}`}>
                <ProposalDecision proposal={p} />
                <div>
                  <Typography.Text type="secondary">{t('proposal.reference', { reference: p.reference })}</Typography.Text>
                </div>
                {p.reason && <div><Typography.Text type="secondary">{t('proposal.reason', { reason: p.reason })}</Typography.Text></div>}
                {p.note && <div><Typography.Text type="secondary">{t('proposal.note', { note: p.note })}</Typography.Text></div>}
              </div>
            ),
          },
          { title: t('proposal.policyAmount'), align: 'right', width: 110, render: (_, p) => <span data-testid={`policy-${p.proposalId}`}>{formatYuan(p.policyAmountFen)}</span> },
          {
            title: t('proposal.proposedBy'),
            width: 150,
            render: (_, p) => (
              <>
                <div>
                  {p.proposedBy} {p.proposedBy === session.sub && <Tag>{t('proposal.mine')}</Tag>}
                </div>
                <Typography.Text type="secondary">{formatDateTime(p.proposedAt, language)}</Typography.Text>
              </>
            ),
          },
          {
            title: t('proposal.state'),
            width: 170,
            render: (_, p) => (
              <>
                <Tag color={STATE_COLORS[p.state]}>{t(`proposal.state.${p.state}`)}</Tag>
                {p.decidedBy && (
                  <div>
                    <Typography.Text type="secondary">{t('proposal.decidedBy', { who: p.decidedBy, at: p.decidedAt ? formatDateTime(p.decidedAt, language) : '—' })}</Typography.Text>
                  </div>
                )}
                {p.decisionNote && <div><Typography.Text type="secondary">{t('proposal.decisionNote', { note: p.decisionNote })}</Typography.Text></div>}
              </>
            ),
          },
          ...(canDecide
            ? [
                {
                  title: t('money.action'),
                  width: 150,
                  render: (_: unknown, p: ClaimProposalView) =>
                    p.state === 'PROPOSED' ? (
                      <Space size={4}>
                        <Popconfirm
                          title={t('proposal.approveConfirm', { payer: labels.payer(p.payer) })}
                          okText={t('proposal.approve')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => approve(p)}
                          disabled={approving !== null}
                        >
                          <Button size="small" type="primary" loading={approving === p.proposalId} disabled={approving !== null && approving !== p.proposalId}>
                            {t('proposal.approve')}
                          </Button>
                        </Popconfirm>
                        <Button size="small" danger disabled={approving !== null} onClick={() => setRejecting(p)}>
                          {t('proposal.reject')}
                        </Button>
                      </Space>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {rejecting && (
        <RejectProposalModal
          view={view}
          proposal={rejecting}
          onClose={() => setRejecting(null)}
          onRejected={(next) => {
            setRejecting(null);
            setOutcome({ type: 'info', text: t('proposal.rejected', { proposalId: rejecting.proposalId }) });
            onChanged?.(next);
          }}
        />
      )}
    </section>
  );
}

function RejectProposalModal({ view, proposal, onClose, onRejected }: { view: CaseView; proposal: ClaimProposalView; onClose: () => void; onRejected: (view: CaseView) => void }) {
  const narrow = useNarrow();
  const { t } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const [form] = Form.useForm<{ reason?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onOk() {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onRejected(await api.rejectProposal(view.caseId, proposal.payer, proposal.proposalId, { reason: (form.getFieldValue('reason') as string).trim() }));
    } catch (cause) {
      setError(describeError(t, cause, labels.stage));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal {...fittingModal(narrow)} open title={t('proposal.rejectTitle', { proposalId: proposal.proposalId })} okText={t('proposal.rejectSubmit')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onOk={onOk} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" name="reject-proposal">
        <Form.Item label={t('proposal.rejectReason')} name="reason" htmlFor="reject-reason" rules={[{ required: true, whitespace: true, message: t('issue.required') }, { max: 500, message: t('issue.tooLong', { max: 500 }) }]}>
          <Input.TextArea id="reject-reason" rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
