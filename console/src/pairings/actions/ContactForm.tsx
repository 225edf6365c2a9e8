import { Button, Form, Input, Radio } from 'antd';
import { contactSchema } from '@pairing-http/schemas';
import { CONTACT_KINDS } from '@pairing/pairing';
import type { ContactBody, PairingView } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/zh-CN';
import { FormError } from '../../components/FormError';
import { todayIsoDay } from '../../components/datetime';
import { useSubmit } from '../../components/useSubmit';
import { TAP } from '../tap';

interface Values {
  kind: ContactBody['kind'];
  on: string;
  notes: string;
}

/** A visit or a call, logged in two taps: the kind is a visit and the day today unless changed. */
export function ContactForm({ view, onDone }: { view: PairingView; onDone: (view: PairingView) => void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [form] = Form.useForm<Values>();
  const { submit, busy, error, details } = useSubmit<ContactBody, PairingView>(form, ['kind', 'on', 'notes']);

  async function finish(values: Values) {
    const result = await submit(contactSchema, { kind: values.kind, on: values.on?.trim() ?? '', notes: values.notes ?? '' }, (body) => api.logContact(view.pairingId, body));
    if (result) onDone(result);
  }

  return (
    <Form form={form} layout="vertical" name="contact" onFinish={finish} initialValues={{ kind: 'VISIT', on: todayIsoDay(), notes: '' }}>
      <FormError error={error} details={details} />
      <Form.Item label={t('pairing.field.kind')} name="kind">
        <Radio.Group optionType="button" buttonStyle="solid" size="large" options={CONTACT_KINDS.map((kind) => ({ value: kind, label: t(`pairing.contactKind.${kind}` as MessageKey), style: TAP }))} />
      </Form.Item>
      <Form.Item label={t('pairing.field.on')} name="on" htmlFor="contact-on">
        <Input id="contact-on" type="date" size="large" style={TAP} />
      </Form.Item>
      <Form.Item label={t('pairing.field.notes')} name="notes" htmlFor="contact-notes">
        <Input.TextArea id="contact-notes" rows={3} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block size="large" style={TAP}>
        {t('pairing.save')}
      </Button>
    </Form>
  );
}
