import { Button, Form, Input, Select } from 'antd';
import { newPairingSchema } from '@pairing-http/schemas';
import { PAIRING_CATEGORIES } from '@pairing/pairing';
import type { NewPairingBody, PairingView } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/zh-CN';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { OFFICIAL_FIELD_PATHS, OfficialFields, officialOf, type OfficialValues } from './OfficialFields';

type Values = OfficialValues & { personId?: string; category?: NewPairingBody['category'] };

/** An officer pairs a registered person in need with an official. */
export function NewPairingForm({ onDone }: { onDone: (view: PairingView) => void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [form] = Form.useForm<Values>();
  const { submit, busy, error, details } = useSubmit<NewPairingBody, PairingView>(form, ['personId', 'category', ...OFFICIAL_FIELD_PATHS]);

  async function finish(values: Values) {
    const result = await submit(newPairingSchema, { personId: values.personId?.trim() ?? '', category: values.category, official: officialOf(values) }, (body) => api.createPairing(body));
    if (result) onDone(result);
  }

  return (
    <Form form={form} layout="vertical" name="new-pairing" onFinish={finish}>
      <FormError error={error} details={details} />
      <Form.Item label={t('pairing.field.personId')} name="personId" htmlFor="new-pairing-person">
        <Input id="new-pairing-person" autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('pairing.category')} name="category" htmlFor="new-pairing-category">
        <Select id="new-pairing-category" options={PAIRING_CATEGORIES.map((value) => ({ value, label: t(`pairing.category.${value}` as MessageKey) }))} />
      </Form.Item>
      <OfficialFields idPrefix="new-pairing" />
      <Button type="primary" htmlType="submit" loading={busy} block>
        {t('pairing.action.create')}
      </Button>
    </Form>
  );
}
