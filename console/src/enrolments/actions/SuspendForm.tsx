import { Button, Form, Input } from 'antd';
import { suspendSchema } from '@subsidy-http/schemas';
import type { EnrolmentView } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { FormError } from '../../components/FormError';
import { todayIsoDay } from '../../components/datetime';
import { useEnrolmentAction } from './useEnrolmentAction';

interface Values {
  fromMonth: string;
  reason: string;
}

/** Civil affairs stops payment from a month on (no month from it is payable until reinstated). */
export function SuspendForm({ view, onDone }: { view: EnrolmentView; onDone: (view: EnrolmentView) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { send, busy, error, details } = useEnrolmentAction(form, ['fromMonth', 'reason'], view.enrolmentId, 'suspend', suspendSchema);

  async function finish(values: Values) {
    const result = await send({ fromMonth: values.fromMonth?.trim() ?? '', reason: values.reason ?? '' });
    if (result) onDone(result);
  }

  return (
    <Form form={form} layout="vertical" name="suspend" onFinish={finish} initialValues={{ fromMonth: todayIsoDay().slice(0, 7) }}>
      <FormError error={error} details={details} />
      <Form.Item label={t('suspend.fromMonth')} name="fromMonth" htmlFor="suspend-from">
        <Input id="suspend-from" placeholder="2026-12" />
      </Form.Item>
      <Form.Item label={t('reasonAction.reason')} name="reason" htmlFor="suspend-reason">
        <Input.TextArea id="suspend-reason" rows={2} />
      </Form.Item>
      <Button danger htmlType="submit" loading={busy}>
        {t('suspend.submit')}
      </Button>
    </Form>
  );
}
