import { useEffect, useState } from 'react';
import { PAYERS } from '@surgery/stages';
import { Alert, Checkbox, Descriptions, Form, Input, Modal, Radio, Result, Typography } from 'antd';
import { formatAmount, formatYuan } from '@domain/money';
import { claimProposalSchema, type ClaimProposalInput } from '@surgery/schemas';
import type { CaseView, ClaimView, ProposalCreated } from '../api/types';
import { ApiError } from '../api/problem';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { useSubmit } from '../components/useSubmit';
import { FormError } from '../components/FormError';
import { yuanRule, yuanToFen } from '../components/yuan';
import { owedFen } from '../cases/claims';
import { useAsync } from '../components/useAsync';
import { fittingModal } from '../components/fittingModal';
import { useNarrow } from '../layout/useNarrow';

interface Values {
  status: 'PAID' | 'REJECTED';
  amountFen?: string;
  reason?: string;
  reference?: string;
  overridePolicy?: boolean;
  note?: string;
}

const FIELDS = ['status', 'amountFen', 'reason', 'reference', 'overridePolicy', 'note'];

/** The policy amount named in the API's 422 for a proposal above it ("… more than the ¥1,234.00 the policy pays …"). */
export function policyAmountOfProblem(detail: string | undefined): string | undefined {
  return /more than the (¥[\d,]+\.\d{2}) the policy pays/.exec(detail ?? '')?.[1];
}

/**
 * The first of two administrators proposes how the claim the cascade waits on is settled by hand
 * (a payer that is down). Nothing moves until another administrator approves it on the case page.
 */
export function ProposeClaimModal({ view, claim, onClose, onProposed }: { view: CaseView; claim: ClaimView; onClose: () => void; onProposed?: (proposal: ProposalCreated) => void }) {
  const narrow = useNarrow();
  const { t } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const [form] = Form.useForm<Values>();
  const status = Form.useWatch('status', form);
  const override = Form.useWatch('overridePolicy', form) === true;
  const owed = owedFen(view);
  const { submit, busy, error, details } = useSubmit<ClaimProposalInput, ProposalCreated>(form, FIELDS);
  const [created, setCreated] = useState<ProposalCreated | null>(null);
  const [overPolicy, setOverPolicy] = useState<{ amount: string; policy: string } | null>(null);
  const payerName = labels.payer(claim.payer);
  // An earlier proposal for this payer already told us what the policy pays it.
  const known = [...(view.reimbursement?.proposals ?? [])].reverse().find((p) => p.payer === claim.payer);

  // What the policy pays this payer on what the earlier ones paid: asked of the server (it holds the
  // policy), else what an earlier proposal was told. The amount starts there, never at everything owed.
  const share = useAsync((signal) => api.policyShare(view.caseId, claim.payer, signal), [view.caseId, claim.payer]);
  const policyFen = share.data?.policyAmountFen ?? known?.policyAmountFen;
  const earlier = (view.reimbursement?.claims ?? []).filter((c) => PAYERS.indexOf(c.payer) < PAYERS.indexOf(claim.payer));
  const later = PAYERS.filter((payer) => PAYERS.indexOf(payer) > PAYERS.indexOf(claim.payer));
  const bill = view.discharge?.bill;
  const [summary, setSummary] = useState<Values | null>(null);

  useEffect(() => form.setFieldsValue({ status: 'PAID', overridePolicy: false }), [form]);
  useEffect(() => {
    if (policyFen !== undefined && !form.isFieldTouched('amountFen')) form.setFieldsValue({ amountFen: formatAmount(Math.min(policyFen, owed)).replace(/,/g, '') });
  }, [form, policyFen, owed]);

  async function onOk() {
    if (created) {
      onClose();
      return;
    }
    // First the form, then a summary of who pays what; only the summary's button sends.
    if (!summary) {
      try {
        await form.validateFields();
      } catch {
        return;
      }
      setOverPolicy(null);
      setSummary(form.getFieldsValue(true) as Values);
      return;
    }
    const values = summary;
    const body: Record<string, unknown> = { status: values.status, reference: values.reference?.trim() ?? '' };
    if (values.status === 'PAID') body.amountFen = yuanToFen(values.amountFen);
    if (values.status === 'REJECTED' && values.reason?.trim()) body.reason = values.reason.trim();
    const overriding = values.status === 'PAID' && values.overridePolicy === true;
    body.overridePolicy = overriding;
    if (overriding && values.note?.trim()) body.note = values.note.trim();
    const result = await submit(claimProposalSchema, body, async (parsed) => {
      try {
        return await api.proposeClaim(view.caseId, claim.payer, parsed);
      } catch (cause) {
        const policy = cause instanceof ApiError && cause.slug === 'unprocessable' ? policyAmountOfProblem(cause.problem.detail) : undefined;
        if (policy && parsed.amountFen !== undefined) setOverPolicy({ amount: formatYuan(parsed.amountFen), policy });
        throw cause;
      }
    });
    if (result) {
      setCreated(result);
      onProposed?.(result);
    } else setSummary(null);
  }

  const decision = (p: ProposalCreated) => (p.status === 'PAID' ? `${labels.claimStatus('PAID')} ${formatYuan(p.amountFen)}` : labels.claimStatus('REJECTED'));

  return (
    <Modal {...fittingModal(narrow)}
      open
      title={t('propose.title', { payer: payerName })}
      okText={created ? t('propose.close') : summary ? t('propose.send') : t('propose.submit')}
      cancelText={summary ? t('propose.back') : t('common.cancel')}
      cancelButtonProps={created ? { style: { display: 'none' } } : undefined}
      onOk={onOk}
      onCancel={(event) => {
        // The footer's 返回修改 goes back to the form; the title bar's × and Esc close the dialog.
        if (summary && (event.currentTarget as HTMLElement | null)?.classList?.contains('ant-btn')) setSummary(null);
        else onClose();
      }}
      confirmLoading={busy}
      destroyOnHidden
    >
      {created ? (
        <Result
          status="success"
          title={t('propose.createdTitle', { proposalId: created.proposalId })}
          subTitle={
            <span data-testid="proposal-policy">
              {t('propose.createdPolicy', { payer: payerName, policy: formatYuan(created.policyAmountFen), decision: decision(created) })}
              {created.overridePolicy && t('propose.createdOverride')}
            </span>
          }
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('propose.intro')}</Typography.Paragraph>
          <Descriptions size="small" column={1} style={{ marginBottom: 16 }} bordered data-testid="propose-facts">
            <Descriptions.Item label={t('field.caseId')}>{view.caseId}</Descriptions.Item>
            <Descriptions.Item label={t('field.name')}>{view.applicant.name}</Descriptions.Item>
            <Descriptions.Item label={t('money.billTotal')}>{bill ? formatYuan(bill.totalFen) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('money.policyScope')}>{bill ? formatYuan(bill.policyScopeFen) : '—'}</Descriptions.Item>
            {earlier.map((c) => (
              <Descriptions.Item key={c.payer} label={labels.payer(c.payer)}>
                {c.status === 'PAID' ? t('propose.earlierPaid', { amount: formatYuan(c.amountFen) }) : labels.claimStatus(c.status)}
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={t('propose.owed')}>
              <span data-testid="owed">{formatYuan(owed)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('propose.policyShare', { payer: payerName })}>
              <span data-testid="policy-share">{policyFen !== undefined ? formatYuan(policyFen) : share.loading ? '…' : t('propose.policyUnknown')}</span>
            </Descriptions.Item>
            {claim.lastError && <Descriptions.Item label={t('propose.lastError')}>{t('money.payerDown', { payer: payerName, attempts: claim.attempts })}</Descriptions.Item>}
          </Descriptions>
          {overPolicy ? (
            <Alert type="error" showIcon title={t('propose.overPolicy', { amount: overPolicy.amount, payer: payerName, policy: overPolicy.policy })} style={{ marginBottom: 16 }} data-testid="over-policy" />
          ) : (
            <FormError error={error} details={details} />
          )}
          {summary && (
            <Alert
              type="info"
              showIcon
              data-testid="propose-summary"
              style={{ marginBottom: 16 }}
              title={t('propose.summaryTitle')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {earlier.filter((c) => c.status === 'PAID').map((c) => (
                    <li key={c.payer}>{t('propose.summaryEarlier', { payer: labels.payer(c.payer), amount: formatYuan(c.amountFen) })}</li>
                  ))}
                  <li>
                    {summary.status === 'PAID'
                      ? t('propose.summaryThis', { payer: payerName, amount: formatYuan(yuanToFen(summary.amountFen)), policy: policyFen !== undefined ? formatYuan(policyFen) : t('propose.policyUnknown') })
                      : t('propose.summaryThisRejected', { payer: payerName })}
                    {summary.status === 'PAID' && summary.overridePolicy ? t('propose.createdOverride') : ''}
                  </li>
                  <li>
                    {t('propose.summaryRest', {
                      amount: formatYuan(Math.max(0, owed - (summary.status === 'PAID' ? yuanToFen(summary.amountFen) || 0 : 0))),
                      payers: later.length > 0 ? later.map(labels.payer).join('、') : t('propose.summaryNoLater'),
                    })}
                  </li>
                  <li>{t('propose.summaryReference', { reference: summary.reference?.trim() ?? '' })}</li>
                </ul>
              }
            />
          )}
          <Form form={form} layout="vertical" name="propose-claim" disabled={summary !== null}>
            <Form.Item label={t('propose.decision')} name="status">
              <Radio.Group
                options={[
                  { value: 'PAID', label: t('claimStatus.PAID') },
                  { value: 'REJECTED', label: t('claimStatus.REJECTED') },
                ]}
              />
            </Form.Item>
            {status !== 'REJECTED' ? (
              <Form.Item label={t('propose.amount')} name="amountFen" htmlFor="propose-amount" rules={[yuanRule(t, { required: true, maxFen: owed })]} extra={t('propose.amountHelp', { owed: formatYuan(owed) })}>
                <Input id="propose-amount" inputMode="decimal" prefix="¥" />
              </Form.Item>
            ) : (
              <Form.Item label={t('propose.reason')} name="reason" htmlFor="propose-reason" rules={[{ required: true, whitespace: true, message: t('issue.required') }]}>
                <Input.TextArea id="propose-reason" rows={2} />
              </Form.Item>
            )}
            <Form.Item label={t('propose.reference')} name="reference" htmlFor="propose-reference" rules={[{ required: true, whitespace: true, message: t('issue.required') }]} extra={t('propose.referenceHelp')}>
              <Input id="propose-reference" />
            </Form.Item>
            {status !== 'REJECTED' && (
              <Form.Item name="overridePolicy" valuePropName="checked">
                <Checkbox>{t('propose.override')}</Checkbox>
              </Form.Item>
            )}
            {status !== 'REJECTED' && override && (
              <Form.Item
                label={t('propose.overrideNote')}
                name="note"
                htmlFor="propose-note"
                rules={[{ required: true, whitespace: true, message: t('issue.overrideNoteRequired') }]}
                extra={t('propose.overrideNoteHelp')}
              >
                <Input.TextArea id="propose-note" rows={2} />
              </Form.Item>
            )}
          </Form>
        </>
      )}
    </Modal>
  );
}
