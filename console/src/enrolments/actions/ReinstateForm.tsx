import { Button, Checkbox, Form } from 'antd';
import { reinstateSchema } from '@subsidy-http/schemas';
import type { EnrolmentView } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { FormError } from '../../components/FormError';
import { useEnrolmentAction } from './useEnrolmentAction';

/** Civil affairs resumes payment, with or without the months that were held back. */
export function ReinstateForm({ view, onDone }: { view: EnrolmentView; onDone: (view: EnrolmentView) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ backPay: boolean }>();
  const { send, busy, error, details } = useEnrolmentAction(form, ['backPay'], view.enrolmentId, 'reinstate', reinstateSchema);

  async function finish(values: { backPay: boolean }) {
    const result = await send({ backPay: values.backPay === true });
    if (result) onDone(result);
  }

  return (
    <Form form={form} layout="vertical" name="reinstate" onFinish={finish} initialValues={{ backPay: true }}>
      <FormError error={error} details={details} />
      <Form.Item name="backPay" valuePropName="checked">
        <Checkbox>{t('reinstate.backPay')}</Checkbox>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('reinstate.submit')}
      </Button>
    </Form>
  );
}
