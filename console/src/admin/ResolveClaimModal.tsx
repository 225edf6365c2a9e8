import { useEffect } from 'react';
import { Descriptions, Form, Input, Modal, Radio } from 'antd';
import { formatAmount, formatYuan } from '@domain/money';
import { resolveClaimSchema, type ResolveClaimInput } from '@domain/schemas';
import type { CaseView, ClaimView } from '../api/types';
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
  note?: string;
}

const FIELDS = ['status', 'amountFen', 'reason', 'reference', 'note'];

/** An administrator decides, by hand, the claim the cascade is waiting on (a payer that is down). */
export function ResolveClaimModal({ view, claim, onClose, onResolved }: { view: CaseView; claim: ClaimView; onClose: () => void; onResolved: (view: CaseView) => void }) {
  const { t } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const [form] = Form.useForm<Values>();
  const status = Form.useWatch('status', form);
  const owed = owedFen(view);
  const { submit, busy, error, details } = useSubmit<ResolveClaimInput, CaseView>(form, FIELDS);

  useEffect(() => form.setFieldsValue({ status: 'PAID', amountFen: formatAmount(owed).replace(/,/g, '') }), [form, owed]);

  async function onOk() {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const values = form.getFieldsValue();
    const body: Record<string, unknown> = { status: values.status };
    if (values.status === 'PAID') body.amountFen = yuanToFen(values.amountFen);
    if (values.status === 'REJECTED' && values.reason?.trim()) body.reason = values.reason.trim();
    if (values.reference?.trim()) body.reference = values.reference.trim();
    if (values.note?.trim()) body.note = values.note.trim();
    const result = await submit(resolveClaimSchema, body, (parsed) => api.resolveClaim(view.caseId, claim.payer, parsed));
    if (result) onResolved(result);
  }

  return (
    <Modal open title={t('resolve.title', { payer: labels.payer(claim.payer) })} okText={t('resolve.submit')} cancelText={t('common.cancel')} onOk={onOk} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('field.caseId')}>{view.caseId}</Descriptions.Item>
        <Descriptions.Item label={t('resolve.owed')}>
          <span data-testid="owed">{formatYuan(owed)}</span>
        </Descriptions.Item>
        {claim.lastError && <Descriptions.Item label={t('resolve.lastError')}>{t('money.retrying', { attempts: claim.attempts, error: claim.lastError })}</Descriptions.Item>}
      </Descriptions>
      <FormError error={error} details={details} />
      <Form form={form} layout="vertical" name="resolve-claim">
        <Form.Item label={t('resolve.decision')} name="status">
          <Radio.Group
            options={[
              { value: 'PAID', label: t('claimStatus.PAID') },
              { value: 'REJECTED', label: t('claimStatus.REJECTED') },
            ]}
          />
        </Form.Item>
        {status !== 'REJECTED' ? (
          <Form.Item label={t('resolve.amount')} name="amountFen" htmlFor="resolve-amount" rules={[yuanRule(t, { required: true, maxFen: owed })]} extra={t('resolve.amountHelp', { owed: formatYuan(owed) })}>
            <Input id="resolve-amount" inputMode="decimal" prefix="¥" />
          </Form.Item>
        ) : (
          <Form.Item label={t('resolve.reason')} name="reason" htmlFor="resolve-reason" rules={[{ required: true, whitespace: true, message: t('issue.required') }]}>
            <Input.TextArea id="resolve-reason" rows={2} />
          </Form.Item>
        )}
        <Form.Item label={t('resolve.reference')} name="reference" htmlFor="resolve-reference" rules={[{ required: status !== 'REJECTED', whitespace: true, message: t('issue.required') }]} extra={t('resolve.referenceHelp')}>
          <Input id="resolve-reference" />
        </Form.Item>
        <Form.Item label={t('resolve.note')} name="note" htmlFor="resolve-note">
          <Input.TextArea id="resolve-note" rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
