import { Button, Form, Input, Radio } from 'antd';
import { reviewSchema } from '@subsidy-http/schemas';
import type { EnrolmentView } from '../../api/types';
import { useSession } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { FormError } from '../../components/FormError';
import { useEnrolmentAction } from './useEnrolmentAction';

interface Values {
  approved: boolean;
  reason?: string;
  reviewedBy: string;
}

const FIELDS = ['approved', 'reason', 'reviewedBy'];

/** The town's or the disability federation's review of the papers: approved, or refused with a reason. */
export function ReviewForm({ view, path, onDone }: { view: EnrolmentView; path: 'town-review' | 'cdpf-review'; onDone: (view: EnrolmentView) => void }) {
  const { t } = useI18n();
  const session = useSession();
  const [form] = Form.useForm<Values>();
  const approved = Form.useWatch('approved', form);
  const { send, busy, error, details } = useEnrolmentAction(form, FIELDS, view.enrolmentId, path, reviewSchema);

  async function finish(values: Values) {
    const result = await send({ approved: values.approved, reason: values.reason ?? '', reviewedBy: values.reviewedBy ?? '' });
    if (result) onDone(result);
  }

  return (
    <Form form={form} layout="vertical" name={path} onFinish={finish} initialValues={{ approved: true, reviewedBy: session.displayName ?? session.sub }}>
      <FormError error={error} details={details} />
      <Form.Item label={t('review.approved')} name="approved">
        <Radio.Group
          options={[
            { value: true, label: t('review.approve') },
            { value: false, label: t('review.refuse') },
          ]}
        />
      </Form.Item>
      <Form.Item label={t('review.reason')} name="reason" htmlFor={`${path}-reason`} required={approved === false} extra={approved === false ? t('review.reasonHelp') : undefined}>
        <Input.TextArea id={`${path}-reason`} rows={2} />
      </Form.Item>
      <Form.Item label={t('review.reviewedBy')} name="reviewedBy" htmlFor={`${path}-by`}>
        <Input id={`${path}-by`} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('review.submit')}
      </Button>
    </Form>
  );
}
