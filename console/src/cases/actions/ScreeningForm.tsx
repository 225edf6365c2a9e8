import { Button, Form, Input, Radio } from 'antd';
import { screeningSchema, type ScreeningInput } from '@surgery/schemas';
import type { CaseView } from '../../api/types';
import { useAuth, useSession } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { useSubmit } from '../../components/useSubmit';
import { FormError } from '../../components/FormError';
import { useDraft } from '../../components/drafts';
import { DateTimeInput } from '../../components/DateTimeInput';
import { localInputToIso, toLocalInputValue } from '../../components/datetime';

interface Values {
  eligible: boolean;
  consent: boolean;
  reason?: string;
  screenedBy: string;
  screenedAt: string;
}

const FIELDS = ['eligible', 'consent', 'reason', 'screenedBy', 'screenedAt'];

export function ScreeningForm({ view, onDone }: { view: CaseView; onDone: (view: CaseView) => void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const session = useSession();
  const [form] = Form.useForm<Values>();
  const draft = useDraft(form, `screening:${view.caseId}`);
  const eligible = Form.useWatch('eligible', form);
  const consent = Form.useWatch('consent', form);
  const { submit, busy, error, details } = useSubmit<ScreeningInput, CaseView>(form, FIELDS);
  const reasonNeeded = !(eligible && consent);

  async function finish(values: Values) {
    const body = {
      eligible: values.eligible,
      consent: values.consent,
      ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}),
      screenedBy: values.screenedBy,
      screenedAt: localInputToIso(values.screenedAt) ?? values.screenedAt,
    };
    const result = await submit(screeningSchema, body, (parsed) => api.screen(view.caseId, parsed));
    if (result) {
      draft.clear();
      onDone(result);
    }
  }

  const yesNo = [
    { value: true, label: t('common.yes') },
    { value: false, label: t('common.no') },
  ];
  return (
    <Form form={form} layout="vertical" name="screening" onFinish={finish} onValuesChange={draft.onValuesChange} initialValues={{ eligible: true, consent: true, screenedBy: session.sub, screenedAt: toLocalInputValue(new Date()) }}>
      <FormError error={error} details={details} />
      <Form.Item label={t('screening.eligible')} name="eligible">
        <Radio.Group options={yesNo} />
      </Form.Item>
      <Form.Item label={t('screening.consent')} name="consent">
        <Radio.Group options={yesNo} />
      </Form.Item>
      <Form.Item label={t('screening.reason')} name="reason" htmlFor="screening-reason" required={reasonNeeded} extra={reasonNeeded ? t('screening.reasonHelp') : undefined}>
        <Input.TextArea id="screening-reason" rows={2} />
      </Form.Item>
      <Form.Item label={t('screening.screenedBy')} name="screenedBy" htmlFor="screening-by">
        <Input id="screening-by" />
      </Form.Item>
      <Form.Item label={t('screening.screenedAt')} name="screenedAt" htmlFor="screening-at">
        <DateTimeInput id="screening-at" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('screening.submit')}
      </Button>
    </Form>
  );
}
