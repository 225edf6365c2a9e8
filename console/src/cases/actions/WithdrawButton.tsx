import { useState } from 'react';
import { Button, Form, Input, Modal } from 'antd';
import { withdrawSchema, type WithdrawInput } from '@surgery/schemas';
import type { CaseView } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { useSubmit } from '../../components/useSubmit';
import { FormError } from '../../components/FormError';
import { fittingModal } from '../../components/fittingModal';
import { useNarrow } from '../../layout/useNarrow';

export function WithdrawButton({ view, onDone }: { view: CaseView; onDone: (view: CaseView) => void }) {
  const narrow = useNarrow();
  const { t } = useI18n();
  const { api } = useAuth();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const { submit, busy, error, details } = useSubmit<WithdrawInput, CaseView>(form, ['reason']);

  async function onOk() {
    const result = await submit(withdrawSchema, { reason: form.getFieldValue('reason') ?? '' }, (parsed) => api.withdraw(view.caseId, parsed));
    if (result) {
      setOpen(false);
      onDone(result);
    }
  }

  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        {t('withdraw.open')}
      </Button>
      <Modal {...fittingModal(narrow)} open={open} title={t('withdraw.title')} okText={t('withdraw.submit')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} confirmLoading={busy} onOk={onOk} onCancel={() => setOpen(false)} destroyOnHidden>
        <FormError error={error} details={details} />
        <Form form={form} layout="vertical" name="withdraw" onFinish={onOk}>
          <Form.Item label={t('withdraw.reason')} name="reason" htmlFor="withdraw-reason">
            <Input.TextArea id="withdraw-reason" rows={3} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
