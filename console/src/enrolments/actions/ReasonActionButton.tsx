import { useState } from 'react';
import { Button, Form, Input, Modal } from 'antd';
import { reasonSchema } from '@subsidy-http/schemas';
import type { EnrolmentView } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/zh-CN';
import { FormError } from '../../components/FormError';
import { fittingModal } from '../../components/fittingModal';
import { useNarrow } from '../../layout/useNarrow';
import { useEnrolmentAction } from './useEnrolmentAction';

/** The actions whose only input is a reason: an objection during the notice, a withdrawal, a waiver. */
export type ReasonAction = 'objection' | 'withdraw' | 'recovery/waive';

const TEXTS: Record<ReasonAction, { open: MessageKey; title: MessageKey }> = {
  objection: { open: 'objection.open', title: 'objection.title' },
  withdraw: { open: 'enrolmentWithdraw.open', title: 'enrolmentWithdraw.title' },
  'recovery/waive': { open: 'waive.open', title: 'waive.title' },
};

export function ReasonActionButton({ view, action, onDone }: { view: EnrolmentView; action: ReasonAction; onDone: (view: EnrolmentView) => void }) {
  const narrow = useNarrow();
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const { send, busy, error, details } = useEnrolmentAction(form, ['reason'], view.enrolmentId, action, reasonSchema);
  const texts = TEXTS[action];
  const id = `${action.replace('/', '-')}-reason`;

  async function onOk() {
    const result = await send({ reason: form.getFieldValue('reason') ?? '' });
    if (result) {
      setOpen(false);
      onDone(result);
    }
  }

  return (
    <>
      <Button danger={action !== 'objection'} onClick={() => setOpen(true)}>
        {t(texts.open)}
      </Button>
      <Modal {...fittingModal(narrow)} open={open} title={t(texts.title)} okText={t(texts.open)} cancelText={t('common.cancel')} confirmLoading={busy} onOk={onOk} onCancel={() => setOpen(false)} destroyOnHidden>
        <FormError error={error} details={details} />
        <Form form={form} layout="vertical" name={id} onFinish={onOk}>
          <Form.Item label={t('reasonAction.reason')} name="reason" htmlFor={id}>
            <Input.TextArea id={id} rows={3} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
