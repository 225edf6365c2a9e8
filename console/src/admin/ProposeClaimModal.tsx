import { useEffect, useState } from 'react';
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

  useEffect(() => form.setFieldsValue({ status: 'PAID', amountFen: formatAmount(owed).replace(/,/g, ''), overridePolicy: false }), [form, owed]);

  async function onOk() {
    if (created) {
      onClose();
      return;
    }
    try {
      await form.validateFields();
    } catch {
      return;
    }
    setOverPolicy(null);
    const values = form.getFieldsValue();
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
    }
  }

  const decision = (p: ProposalCreated) => (p.status === 'PAID' ? `${labels.claimStatus('PAID')} ${formatYuan(p.amountFen)}` : labels.claimStatus('REJECTED'));

  return (
    <Modal
      open
      title={t('propose.title', { payer: payerName })}
      okText={created ? t('propose.close') : t('propose.submit')}
      cancelText={t('common.cancel')}
      cancelButtonProps={created ? { style: { display: 'none' } } : undefined}
      onOk={onOk}
      onCancel={onClose}
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
          <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('field.caseId')}>{view.caseId}</Descriptions.Item>
            <Descriptions.Item label={t('propose.owed')}>
              <span data-testid="owed">{formatYuan(owed)}</span>
            </Descriptions.Item>
            {known && <Descriptions.Item label={t('propose.policyKnown')}>{formatYuan(known.policyAmountFen)}</Descriptions.Item>}
            {claim.lastError && <Descriptions.Item label={t('propose.lastError')}>{t('money.retrying', { attempts: claim.attempts, error: claim.lastError })}</Descriptions.Item>}
          </Descriptions>
          {overPolicy ? (
            <Alert type="error" showIcon title={t('propose.overPolicy', { amount: overPolicy.amount, payer: payerName, policy: overPolicy.policy })} style={{ marginBottom: 16 }} data-testid="over-policy" />
          ) : (
            <FormError error={error} details={details} />
          )}
          <Form form={form} layout="vertical" name="propose-claim">
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
