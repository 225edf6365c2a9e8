import { Button, Form, Input } from 'antd';
import { repaymentSchema } from '@subsidy-http/schemas';
import type { EnrolmentView } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { FormError } from '../../components/FormError';
import { yuanRule, yuanToFen } from '../../components/yuan';
import { useEnrolmentAction } from './useEnrolmentAction';

interface Values {
  amountFen: string;
  reference: string;
}

/** A repayment of an overpayment, typed in yuan and sent as exact fen; never more than is still owed. */
export function RepaymentForm({ view, outstandingFen, onDone }: { view: EnrolmentView; outstandingFen: number; onDone: (view: EnrolmentView) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { send, busy, error, details } = useEnrolmentAction(form, ['amountFen', 'reference'], view.enrolmentId, 'recovery/repayments', repaymentSchema);

  async function finish(values: Values) {
    const result = await send({ amountFen: yuanToFen(values.amountFen), reference: values.reference ?? '' });
    if (result) {
      form.resetFields();
      onDone(result);
    }
  }

  return (
    <Form form={form} layout="vertical" name="repayment" onFinish={finish}>
      <FormError error={error} details={details} />
      <Form.Item label={t('repayment.amount')} name="amountFen" htmlFor="repayment-amount" rules={[yuanRule(t, { required: true, min: 1, maxFen: outstandingFen })]}>
        <Input id="repayment-amount" inputMode="decimal" />
      </Form.Item>
      <Form.Item label={t('repayment.reference')} name="reference" htmlFor="repayment-reference">
        <Input id="repayment-reference" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('repayment.submit')}
      </Button>
    </Form>
  );
}
