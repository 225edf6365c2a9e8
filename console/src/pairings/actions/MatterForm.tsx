import { Button, Form, Input, Radio, Typography } from 'antd';
import { matterSchema } from '@pairing-http/schemas';
import { MATTER_FUNDERS } from '@pairing/pairing';
import type { PairingView } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/zh-CN';
import { FormError } from '../../components/FormError';
import { todayIsoDay } from '../../components/datetime';
import { useSubmit } from '../../components/useSubmit';
import { yuanRule } from '../../components/yuan';
import { matterBodyOf, type MatterValues } from '../matterBody';
import { TAP } from '../tap';

// Everything but the funder is checked here as the API checks it; the funder is the server's to judge.
const matterWithoutFunder = matterSchema.omit({ fundedBy: true });
/** Public funds are offered so that the server can say why not: they go through a program. */
const FUNDER_CHOICES = [...MATTER_FUNDERS, 'PUBLIC'] as const;

/** A practical matter done for the person: what, its value in yuan (stored in fen), who paid, when. */
export function MatterForm({ view, onDone }: { view: PairingView; onDone: (view: PairingView) => void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [form] = Form.useForm<MatterValues>();
  // The server names `valueFen`; the form's field holds yuan.
  const { submit, busy, error, details } = useSubmit<Omit<Parameters<typeof matterSchema.parse>[0], 'fundedBy'>, PairingView>(form, ['description', 'valueYuan', 'fundedBy', 'doneOn'], { valueFen: 'valueYuan' });

  async function finish(values: MatterValues) {
    const result = await submit(matterWithoutFunder, matterBodyOf(values), (body) => api.recordMatter(view.pairingId, { ...body, fundedBy: values.fundedBy }));
    if (result) onDone(result);
  }

  return (
    <Form form={form} layout="vertical" name="matter" onFinish={finish} initialValues={{ fundedBy: 'PERSONAL', doneOn: todayIsoDay(), description: '', valueYuan: '' }}>
      <FormError error={error} details={details} />
      <Form.Item label={t('pairing.field.description')} name="description" htmlFor="matter-description">
        <Input.TextArea id="matter-description" rows={3} />
      </Form.Item>
      <Form.Item label={t('pairing.field.value')} name="valueYuan" htmlFor="matter-value" rules={[yuanRule(t, { required: true, min: 0 })]}>
        <Input id="matter-value" inputMode="decimal" prefix="¥" size="large" style={TAP} />
      </Form.Item>
      <Form.Item label={t('pairing.field.fundedBy')} name="fundedBy" extra={<Typography.Text type="secondary">{t('pairing.funderHint')}</Typography.Text>}>
        <Radio.Group optionType="button" buttonStyle="solid" size="large" options={FUNDER_CHOICES.map((funder) => ({ value: funder, label: t(`pairing.funder.${funder}` as MessageKey), style: TAP }))} />
      </Form.Item>
      <Form.Item label={t('pairing.field.doneOn')} name="doneOn" htmlFor="matter-done-on">
        <Input id="matter-done-on" type="date" size="large" style={TAP} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block size="large" style={TAP}>
        {t('pairing.save')}
      </Button>
    </Form>
  );
}
