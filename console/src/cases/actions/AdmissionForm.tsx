import { Button, Form, Input, Typography } from 'antd';
import { admissionSchema, type AdmissionInput } from '@surgery/schemas';
import type { CaseView } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { useSubmit } from '../../components/useSubmit';
import { FormError } from '../../components/FormError';
import { useDraft } from '../../components/drafts';
import { DateTimeInput } from '../../components/DateTimeInput';
import { localInputToIso, toLocalInputValue } from '../../components/datetime';

interface Values {
  admittedAt: string;
  admissionNo: string;
}

const FIELDS = ['admittedAt', 'admissionNo', 'depositFen'];

export function AdmissionForm({ view, onDone }: { view: CaseView; onDone: (view: CaseView) => void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [form] = Form.useForm<Values>();
  const draft = useDraft(form, `admission:${view.caseId}`);
  const { submit, busy, error, details } = useSubmit<AdmissionInput, CaseView>(form, FIELDS, { depositFen: 'admissionNo' });

  async function finish(values: Values) {
    // Zero-deposit admission (零押金住院): the console always sends 0, never asks for a deposit.
    const body = { admittedAt: localInputToIso(values.admittedAt) ?? values.admittedAt, admissionNo: values.admissionNo ?? '', depositFen: 0 };
    const result = await submit(admissionSchema, body, (parsed) => api.admit(view.caseId, parsed));
    if (result) {
      draft.clear();
      onDone(result);
    }
  }

  return (
    <Form form={form} layout="vertical" name="admission" onFinish={finish} onValuesChange={draft.onValuesChange} initialValues={{ admittedAt: toLocalInputValue(new Date()) }}>
      <FormError error={error} details={details} />
      <Form.Item label={t('admission.admissionNo')} name="admissionNo" htmlFor="admission-no" required rules={[{ required: true, whitespace: true, message: t('issue.required') }]}>
        <Input id="admission-no" autoFocus />
      </Form.Item>
      <Form.Item label={t('admission.admittedAt')} name="admittedAt" htmlFor="admission-at">
        <DateTimeInput id="admission-at" />
      </Form.Item>
      <Typography.Paragraph>{t('admission.zeroDeposit')}</Typography.Paragraph>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('admission.submit')}
      </Button>
    </Form>
  );
}
