import { useState } from 'react';
import { Button, Form, Input, Modal } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { FormError } from '../components/FormError';
import { fittingModal } from '../components/fittingModal';
import { useNarrow } from '../layout/useNarrow';
import type { MatchReview } from '../api/types';

/** A reason is what tells next month's clerk why a row of the list was not applied: it is required. */
export const REJECT_REASON_MAX = 500;

/** 驳回: not the same person; the row is dropped with a reason. */
export function RejectReviewButton({ review, busy, error, onReject }: { review: MatchReview; busy: boolean; error: string | null; onReject: (reason: string) => Promise<boolean> }) {
  const { t } = useI18n();
  const narrow = useNarrow();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const fieldId = `match-reject-reason-${review.id}`;

  async function onOk() {
    const { reason } = await form.validateFields();
    if (await onReject(reason.trim())) setOpen(false);
  }

  return (
    <>
      <Button danger size="small" disabled={busy} onClick={() => setOpen(true)}>
        {t('matchReview.reject')}
      </Button>
      <Modal
        {...fittingModal(narrow)}
        open={open}
        title={t('matchReview.rejectTitle', { row: review.row, name: review.listName })}
        okText={t('matchReview.reject')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => void onOk().catch(() => undefined)}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <FormError error={error} />
        <Form form={form} layout="vertical" name={`match-reject-${review.id}`}>
          <Form.Item
            label={t('matchReview.rejectReason')}
            name="reason"
            htmlFor={fieldId}
            rules={[
              { required: true, whitespace: true, message: t('issue.required') },
              { max: REJECT_REASON_MAX, message: t('issue.tooLong', { max: REJECT_REASON_MAX }) },
            ]}
          >
            <Input.TextArea id={fieldId} rows={3} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
