import { Button, Form, Input, Radio } from 'antd';
import { surgerySchema, type SurgeryInput } from '@surgery/schemas';
import type { CaseView } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { useSubmit } from '../../components/useSubmit';
import { FormError } from '../../components/FormError';
import { useDraft } from '../../components/drafts';
import { DateTimeInput } from '../../components/DateTimeInput';
import { localInputToIso, toLocalInputValue } from '../../components/datetime';

interface Values {
  completedAt: string;
  procedure: string;
  outcome: 'SUCCESS' | 'COMPLICATIONS';
}

const FIELDS = ['completedAt', 'procedure', 'outcome'];

export function SurgeryForm({ view, onDone }: { view: CaseView; onDone: (view: CaseView) => void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [form] = Form.useForm<Values>();
  const draft = useDraft(form, `surgery:${view.caseId}`);
  const { submit, busy, error, details } = useSubmit<SurgeryInput, CaseView>(form, FIELDS);

  async function finish(values: Values) {
    const body = { completedAt: localInputToIso(values.completedAt) ?? values.completedAt, procedure: values.procedure ?? '', outcome: values.outcome };
    const result = await submit(surgerySchema, body, (parsed) => api.completeSurgery(view.caseId, parsed));
    if (result) {
      draft.clear();
      onDone(result);
    }
  }

  return (
    <Form form={form} layout="vertical" name="surgery" onFinish={finish} onValuesChange={draft.onValuesChange} initialValues={{ completedAt: toLocalInputValue(new Date()), outcome: 'SUCCESS' }}>
      <FormError error={error} details={details} />
      <Form.Item label={t('surgery.procedure')} name="procedure" htmlFor="surgery-procedure" required rules={[{ required: true, whitespace: true, message: t('issue.required') }]}>
        <Input id="surgery-procedure" autoFocus />
      </Form.Item>
      <Form.Item label={t('surgery.outcome')} name="outcome">
        <Radio.Group
          options={[
            { value: 'SUCCESS', label: t('outcome.SUCCESS') },
            { value: 'COMPLICATIONS', label: t('outcome.COMPLICATIONS') },
          ]}
        />
      </Form.Item>
      <Form.Item label={t('surgery.completedAt')} name="completedAt" htmlFor="surgery-at">
        <DateTimeInput id="surgery-at" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('surgery.submit')}
      </Button>
    </Form>
  );
}
