import { Button, Form, Input, InputNumber } from 'antd';
import { dischargeSchema, type DischargeInput } from '@surgery/schemas';
import type { CaseView } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { useSubmit } from '../../components/useSubmit';
import { FormError } from '../../components/FormError';
import { localInputToIso, toLocalInputValue } from '../../components/datetime';
import { yuanRule, yuanToFen } from '../../components/yuan';

interface Values {
  dischargedAt: string;
  rehabSessions: number | null;
  bill: { totalFen: string; policyScopeFen: string };
}

const FIELDS = ['dischargedAt', 'rehabSessions', 'bill.totalFen', 'bill.policyScopeFen'];

/** Discharge with the final bill; amounts typed in yuan (two decimals) and sent as exact fen. */
export function DischargeForm({ view, onDone }: { view: CaseView; onDone: (view: CaseView) => void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [form] = Form.useForm<Values>();
  const { submit, busy, error, details } = useSubmit<DischargeInput, CaseView>(form, FIELDS, { bill: 'bill.totalFen' });

  async function finish(values: Values) {
    const body = {
      dischargedAt: localInputToIso(values.dischargedAt) ?? values.dischargedAt,
      rehabSessions: values.rehabSessions ?? Number.NaN,
      bill: { totalFen: yuanToFen(values.bill?.totalFen), policyScopeFen: yuanToFen(values.bill?.policyScopeFen) },
    };
    const result = await submit(dischargeSchema, body, (parsed) => api.discharge(view.caseId, parsed));
    if (result) onDone(result);
  }

  return (
    <Form form={form} layout="vertical" name="discharge" onFinish={finish} initialValues={{ dischargedAt: toLocalInputValue(new Date()), rehabSessions: 0 }}>
      <FormError error={error} details={details} />
      <Form.Item label={t('discharge.total')} name={['bill', 'totalFen']} htmlFor="discharge-total" rules={[yuanRule(t, { required: true, min: 1 })]} extra={t('discharge.yuanHelp')}>
        <Input id="discharge-total" inputMode="decimal" prefix="¥" autoFocus />
      </Form.Item>
      <Form.Item label={t('discharge.scope')} name={['bill', 'policyScopeFen']} htmlFor="discharge-scope" rules={[yuanRule(t, { required: true })]}>
        <Input id="discharge-scope" inputMode="decimal" prefix="¥" />
      </Form.Item>
      <Form.Item label={t('discharge.rehabSessions')} name="rehabSessions" htmlFor="discharge-rehab">
        <InputNumber id="discharge-rehab" min={0} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item label={t('discharge.dischargedAt')} name="dischargedAt" htmlFor="discharge-at">
        <Input id="discharge-at" type="datetime-local" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('discharge.submit')}
      </Button>
    </Form>
  );
}
