import { Button, Form, Input, Radio } from 'antd';
import { decisionSchema } from '@subsidy-http/schemas';
import type { EnrolmentView } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { FormError } from '../../components/FormError';
import { useEnrolmentAction } from './useEnrolmentAction';

interface Values {
  approved: boolean;
  reason?: string;
}

const FIELDS = ['approved', 'reason'];

/**
 * Civil affairs decides. Approving a person the policy does not make eligible is refused by the
 * server with every rule the person fails; the form's error names each in the clerk's language.
 */
export function DecisionForm({ view, onDone }: { view: EnrolmentView; onDone: (view: EnrolmentView) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const approved = Form.useWatch('approved', form);
  const { send, busy, error, details } = useEnrolmentAction(form, FIELDS, view.enrolmentId, 'decision', decisionSchema);

  async function finish(values: Values) {
    const result = await send({ approved: values.approved, reason: values.reason ?? '' });
    if (result) onDone(result);
  }

  return (
    <Form form={form} layout="vertical" name="decision" onFinish={finish} initialValues={{ approved: true }}>
      <FormError error={error} details={details} />
      <Form.Item label={t('review.approved')} name="approved">
        <Radio.Group
          options={[
            { value: true, label: t('review.approve') },
            { value: false, label: t('review.refuse') },
          ]}
        />
      </Form.Item>
      <Form.Item label={t('review.reason')} name="reason" htmlFor="decision-reason" required={approved === false} extra={approved === false ? t('review.reasonHelp') : undefined}>
        <Input.TextArea id="decision-reason" rows={2} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('decision.submit')}
      </Button>
    </Form>
  );
}
