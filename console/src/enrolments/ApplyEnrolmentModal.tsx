import { useState } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { SUBSIDY_PROGRAMS, type SubsidyProgram } from '@subsidy/programs';
import { newEnrolmentSchema } from '@subsidy-http/schemas';
import type { EnrolmentView, NewEnrolmentInput, PersonDetail } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { useSubmit } from '../components/useSubmit';
import { FormError } from '../components/FormError';
import { fittingModal } from '../components/fittingModal';
import { todayIsoDay } from '../components/datetime';
import { useNarrow } from '../layout/useNarrow';

interface Values {
  program?: SubsidyProgram;
  appliedOn: string;
  bankAccount: { bank?: string; accountNo?: string };
}

const FIELDS = ['program', 'appliedOn', 'bankAccount.bank', 'bankAccount.accountNo'];

/**
 * 申请补贴 for a registered person: the program, the day the application was made and where the
 * subsidy is to be paid. The body goes through the API's own schema first, so every refusal names
 * its field before anything is sent. One enrolment id per opening of the form, so sending again
 * after a lost answer is the same application, not a second one.
 */
export function ApplyEnrolmentModal({ person, onClose, onApplied }: { person: PersonDetail; onClose: () => void; onApplied: (view: EnrolmentView) => void }) {
  const narrow = useNarrow();
  const { t } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const [form] = Form.useForm<Values>();
  const [enrolmentId] = useState(() => `EN-${crypto.randomUUID()}`);
  const { submit, busy, error, details } = useSubmit<NewEnrolmentInput, EnrolmentView>(form, FIELDS);

  async function send() {
    const values = form.getFieldsValue(true) as Values;
    const body = {
      enrolmentId,
      program: values.program,
      personId: person.personId,
      appliedOn: values.appliedOn?.trim() ?? '',
      bankAccount: { bank: values.bankAccount?.bank ?? '', accountNo: values.bankAccount?.accountNo ?? '' },
    };
    const result = await submit(newEnrolmentSchema, body, (parsed) => api.applyForSubsidy(parsed));
    if (result) onApplied(result);
    // The schema calls a missing program an option it does not know; to a clerk it is one not yet chosen.
    else if (values.program === undefined) form.setFields([{ name: 'program', errors: [t('issue.chooseProgram')] }]);
  }

  return (
    <Modal
      {...fittingModal(narrow)}
      open
      title={t('enrolment.applyTitle', { name: person.name })}
      okText={t('enrolment.applySubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void send()}
      onCancel={onClose}
      destroyOnHidden
    >
      <FormError error={error} details={details} />
      <Form form={form} layout="vertical" name="apply-enrolment" onFinish={() => void send()} initialValues={{ appliedOn: todayIsoDay(), bankAccount: {} }}>
        <Form.Item label={t('enrolment.program')} name="program" htmlFor="apply-program">
          <Select id="apply-program" options={SUBSIDY_PROGRAMS.map((program) => ({ value: program, label: labels.subsidyProgram(program) }))} />
        </Form.Item>
        <Form.Item label={t('enrolment.appliedOn')} name="appliedOn" htmlFor="apply-on">
          <Input id="apply-on" type="date" />
        </Form.Item>
        <Form.Item label={t('enrolment.bank')} name={['bankAccount', 'bank']} htmlFor="apply-bank">
          <Input id="apply-bank" autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('enrolment.accountNo')} name={['bankAccount', 'accountNo']} htmlFor="apply-account" extra={t('enrolment.accountHelp')}>
          <Input id="apply-account" inputMode="numeric" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
