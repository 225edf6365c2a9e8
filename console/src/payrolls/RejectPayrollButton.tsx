import { useState } from 'react';
import { Button, Form, Input, Modal } from 'antd';
import { payrollRejectionSchema } from '@subsidy-http/payroll-schemas';
import { useI18n } from '../i18n/I18nProvider';
import { fieldMessage } from '../components/problems';
import { FormError } from '../components/FormError';
import { fittingModal } from '../components/fittingModal';
import { useNarrow } from '../layout/useNarrow';

/** Finance sends the payroll back with a reason, checked by the API's own schema before it is sent. */
export function RejectPayrollButton({ busy, error, onReject }: { busy: boolean; error: string | null; onReject: (reason: string) => Promise<boolean> }) {
  const { t } = useI18n();
  const narrow = useNarrow();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  async function onOk() {
    const parsed = payrollRejectionSchema.safeParse({ reason: form.getFieldValue('reason') ?? '' });
    if (!parsed.success) {
      form.setFields([{ name: 'reason', errors: parsed.error.issues.map((issue) => fieldMessage(t, issue.message)) }]);
      return;
    }
    if (await onReject(parsed.data.reason)) setOpen(false);
  }

  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        {t('payroll.reject')}
      </Button>
      <Modal {...fittingModal(narrow)} open={open} title={t('payroll.rejectTitle')} okText={t('payroll.reject')} cancelText={t('common.cancel')} confirmLoading={busy} onOk={onOk} onCancel={() => setOpen(false)} destroyOnHidden>
        <FormError error={error} />
        <Form form={form} layout="vertical" name="payroll-reject" onFinish={onOk}>
          <Form.Item label={t('payroll.rejectReason')} name="reason" htmlFor="payroll-reject-reason">
            <Input.TextArea id="payroll-reject-reason" rows={3} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
