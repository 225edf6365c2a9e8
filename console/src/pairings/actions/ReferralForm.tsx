import { Button, Form, Input, Radio, Select } from 'antd';
import { referralSchema } from '@pairing-http/schemas';
import { REFERRAL_PROGRAMS, type ReferralProgram } from '@pairing/pairing';
import type { ReferralBody } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/zh-CN';
import { FormError } from '../../components/FormError';
import { useHospitals } from '../../components/hospitals';
import { useSubmit } from '../../components/useSubmit';
import { TAP } from '../tap';

interface Values {
  program: ReferralProgram;
  notes: string;
  bank?: string;
  accountNo?: string;
  hospitalId?: string;
  diagnosis?: string;
}

export type Referred = { program: ReferralProgram; id: string; created: boolean };

/** The person referred into a program: a subsidy needs the account to pay to, surgery a hospital and a diagnosis. */
export function ReferralForm({ pairingId, onDone }: { pairingId: string; onDone: (referred: Referred) => void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const hospitals = useHospitals();
  const [form] = Form.useForm<Values>();
  const program = Form.useWatch('program', form) ?? 'NURSING_SUBSIDY';
  const { submit, busy, error, details } = useSubmit<ReferralBody, Referred>(form, ['program', 'notes', 'bank', 'accountNo', 'hospitalId', 'diagnosis'], {
    'bankAccount.bank': 'bank',
    'bankAccount.accountNo': 'accountNo',
  });

  async function finish(values: Values) {
    const subsidy = values.program !== 'SURGERY';
    const body = subsidy
      ? { program: values.program, notes: values.notes ?? '', bankAccount: { bank: values.bank ?? '', accountNo: values.accountNo ?? '' } }
      : { program: values.program, notes: values.notes ?? '', hospitalId: values.hospitalId, diagnosis: values.diagnosis ?? '' };
    const result = await submit(referralSchema, body, (parsed) => api.refer(pairingId, parsed));
    if (result) onDone(result);
  }

  return (
    <Form form={form} layout="vertical" name="referral" onFinish={finish} initialValues={{ program: 'NURSING_SUBSIDY', notes: '' }}>
      <FormError error={error} details={details} />
      <Form.Item label={t('pairing.field.program')} name="program">
        <Radio.Group
          size="large"
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          options={REFERRAL_PROGRAMS.map((value) => ({ value, label: t(`pairing.program.${value}` as MessageKey), style: TAP }))}
        />
      </Form.Item>
      {program === 'SURGERY' ? (
        <>
          <Form.Item label={t('pairing.field.hospital')} name="hospitalId" htmlFor="referral-hospital">
            <Select id="referral-hospital" size="large" options={hospitals.list.map((hospital) => ({ value: hospital.id, label: hospital.name }))} />
          </Form.Item>
          <Form.Item label={t('pairing.field.diagnosis')} name="diagnosis" htmlFor="referral-diagnosis">
            <Input id="referral-diagnosis" size="large" style={TAP} />
          </Form.Item>
        </>
      ) : (
        <>
          <Form.Item label={t('pairing.field.bank')} name="bank" htmlFor="referral-bank">
            <Input id="referral-bank" size="large" style={TAP} />
          </Form.Item>
          <Form.Item label={t('pairing.field.accountNo')} name="accountNo" htmlFor="referral-account">
            <Input id="referral-account" inputMode="numeric" autoComplete="off" size="large" style={TAP} />
          </Form.Item>
        </>
      )}
      <Form.Item label={t('pairing.field.notes')} name="notes" htmlFor="referral-notes">
        <Input.TextArea id="referral-notes" rows={2} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} block size="large" style={TAP}>
        {t('pairing.action.referral')}
      </Button>
    </Form>
  );
}
