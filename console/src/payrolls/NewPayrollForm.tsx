import { useState } from 'react';
import { Alert, Button, Form, Input, Select, Space } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { SUBSIDY_PROGRAMS, type SubsidyProgram } from '@subsidy/programs';
import { newPayrollSchema } from '@subsidy-http/payroll-schemas';
import { App } from 'antd';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { fieldMessage, openPayrollIdOf } from '../components/problems';
import { useNarrow } from '../layout/useNarrow';
import { describePayrollError } from './payrollProblems';
import { currentMonth } from '../components/month';

interface Values {
  program?: SubsidyProgram;
  period?: string;
}


/**
 * Civil affairs opens a month's payroll by hand: the program and the month, checked by the API's own
 * schema first. Opened now (201) or already open (200), the page goes to it; another payroll of the
 * program not yet reconciled (409 payroll-open) is named with a link to it; a month after this one
 * is refused with the server's own sentence, in the console's language.
 */
export function NewPayrollForm() {
  const { t } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const narrow = useNarrow();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | undefined>(undefined);

  async function onFinish(values: Values) {
    setError(null);
    setOpenId(undefined);
    const parsed = newPayrollSchema.safeParse({ program: values.program, period: values.period?.trim() });
    if (!parsed.success) {
      form.setFields(
        parsed.error.issues.map((issue) => ({
          name: String(issue.path[0] ?? 'period') as keyof Values,
          errors: [issue.path[0] === 'program' ? t('issue.chooseProgram') : fieldMessage(t, issue.message)],
        })),
      );
      return;
    }
    setBusy(true);
    try {
      const { view, created } = await api.openPayroll(parsed.data);
      void message.success(created ? t('payrolls.created', { payrollId: view.payrollId }) : t('payrolls.existing'));
      navigate(`/payrolls/${encodeURIComponent(view.payrollId)}`);
    } catch (cause) {
      setOpenId(openPayrollIdOf(cause));
      setError(describePayrollError(t, cause, labels.payrollStage));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      {error && (
        <Alert
          type="error"
          showIcon
          data-testid="new-payroll-error"
          title={error}
          description={openId ? <Link to={`/payrolls/${encodeURIComponent(openId)}`}>{t('payrolls.openLink', { payrollId: openId })}</Link> : undefined}
        />
      )}
      <Form form={form} layout={narrow ? 'vertical' : 'inline'} name="new-payroll" initialValues={{ period: currentMonth() }} onFinish={onFinish}>
        <Form.Item label={t('enrolment.program')} name="program" htmlFor="new-payroll-program">
          <Select id="new-payroll-program" style={{ width: narrow ? '100%' : 200 }} options={SUBSIDY_PROGRAMS.map((program) => ({ value: program, label: labels.subsidyProgram(program) }))} />
        </Form.Item>
        <Form.Item label={t('payrolls.period')} name="period" htmlFor="new-payroll-period" tooltip={t('payrolls.periodHelp')}>
          <Input id="new-payroll-period" style={{ width: narrow ? '100%' : 120 }} placeholder="YYYY-MM" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('payrolls.create')}
          </Button>
        </Form.Item>
      </Form>
    </Space>
  );
}
