import { Button, Form, Input } from 'antd';
import { needSchema } from '@pairing-http/schemas';
import type { NeedBody, PairingView } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { FormError } from '../../components/FormError';
import { useSubmit } from '../../components/useSubmit';
import { TAP } from '../tap';

/** What the person needs, in the official's words (kept apart from the workflow's history). */
export function NeedForm({ view, onDone }: { view: PairingView; onDone: (view: PairingView) => void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [form] = Form.useForm<{ description: string }>();
  const { submit, busy, error, details } = useSubmit<NeedBody, PairingView>(form, ['description']);

  async function finish(values: { description: string }) {
    const result = await submit(needSchema, { description: values.description ?? '' }, (body) => api.noteNeed(view.pairingId, body));
    if (result) onDone(result);
  }

  return (
    <Form form={form} layout="vertical" name="need" onFinish={finish}>
      <FormError error={error} details={details} />
      <Form.Item label={t('pairing.field.description')} name="description" htmlFor="need-description">
        <Input.TextArea id="need-description" rows={4} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block size="large" style={TAP}>
        {t('pairing.save')}
      </Button>
    </Form>
  );
}
