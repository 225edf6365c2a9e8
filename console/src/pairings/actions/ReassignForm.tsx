import { Button, Form, Input } from 'antd';
import { reassignSchema } from '@pairing-http/schemas';
import type { PairingView, ReassignBody } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { OFFICIAL_FIELD_PATHS, OfficialFields, officialOf, type OfficialValues } from './OfficialFields';

type Values = OfficialValues & { reason?: string };

/** An officer gives the pairing to another official; the former one loses it at once. */
export function ReassignForm({ view, onDone }: { view: PairingView; onDone: (view: PairingView) => void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [form] = Form.useForm<Values>();
  const { submit, busy, error, details } = useSubmit<ReassignBody, PairingView>(form, [...OFFICIAL_FIELD_PATHS, 'reason']);

  async function finish(values: Values) {
    const result = await submit(reassignSchema, { official: officialOf(values), reason: values.reason ?? '' }, (body) => api.reassignPairing(view.pairingId, body));
    if (result) onDone(result);
  }

  return (
    <Form form={form} layout="vertical" name="reassign" onFinish={finish} initialValues={{ official: { unit: view.official.unit }, reason: '' }}>
      <FormError error={error} details={details} />
      <OfficialFields idPrefix="reassign" />
      <Form.Item label={t('pairing.field.reason')} name="reason" htmlFor="reassign-reason">
        <Input.TextArea id="reassign-reason" rows={2} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block>
        {t('pairing.action.reassign')}
      </Button>
    </Form>
  );
}
