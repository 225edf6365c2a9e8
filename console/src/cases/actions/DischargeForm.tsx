import { App, Button, Descriptions, Form, Input, InputNumber } from 'antd';
import { formatYuan } from '@domain/money';
import { dischargeSchema, type DischargeInput } from '@surgery/schemas';
import type { CaseView } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { useSubmit } from '../../components/useSubmit';
import { FormError } from '../../components/FormError';
import { useDraft } from '../../components/drafts';
import { DateTimeInput } from '../../components/DateTimeInput';
import { formatDateTime, localInputToIso, toLocalInputValue } from '../../components/datetime';
import { yuanRule, yuanToFen } from '../../components/yuan';

interface Values {
  dischargedAt: string;
  rehabSessions: number | null;
  bill: { totalFen: string; policyScopeFen: string };
}

const FIELDS = ['dischargedAt', 'rehabSessions', 'bill.totalFen', 'bill.policyScopeFen'];

/** Discharge with the final bill; amounts typed in yuan (two decimals) and sent as exact fen. */
export function DischargeForm({ view, onDone }: { view: CaseView; onDone: (view: CaseView) => void }) {
  const { t, language } = useI18n();
  const { api } = useAuth();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const draft = useDraft(form, `discharge:${view.caseId}`);
  const { submit, busy, error, details } = useSubmit<DischargeInput, CaseView | undefined>(form, FIELDS, { bill: 'bill.totalFen' });

  async function finish(values: Values) {
    const body = {
      dischargedAt: localInputToIso(values.dischargedAt) ?? values.dischargedAt,
      rehabSessions: values.rehabSessions ?? Number.NaN,
      bill: { totalFen: yuanToFen(values.bill?.totalFen), policyScopeFen: yuanToFen(values.bill?.policyScopeFen) },
    };
    // A discharge starts the payers' cascade and cannot be taken back: the clerk sees the bill once more first.
    let confirmed = false;
    const result = await submit(dischargeSchema, body, async (parsed) => {
      confirmed = await confirmDischarge(parsed);
      return confirmed ? api.discharge(view.caseId, parsed) : undefined;
    });
    if (confirmed && result) {
      draft.clear();
      onDone(result);
    }
  }

  function confirmDischarge(parsed: DischargeInput): Promise<boolean> {
    return new Promise((resolve) => {
      modal.confirm({
        title: t('discharge.confirmTitle', { name: view.applicant.name }),
        content: (
          <Descriptions size="small" column={1} data-testid="discharge-summary">
            <Descriptions.Item label={t('discharge.total')}>{formatYuan(parsed.bill.totalFen)}</Descriptions.Item>
            <Descriptions.Item label={t('discharge.scope')}>{formatYuan(parsed.bill.policyScopeFen)}</Descriptions.Item>
            <Descriptions.Item label={t('discharge.outsideScope')}>{formatYuan(parsed.bill.totalFen - parsed.bill.policyScopeFen)}</Descriptions.Item>
            <Descriptions.Item label={t('discharge.rehabSessions')}>{parsed.rehabSessions}</Descriptions.Item>
            <Descriptions.Item label={t('discharge.dischargedAt')}>{formatDateTime(parsed.dischargedAt, language)}</Descriptions.Item>
          </Descriptions>
        ),
        okText: t('discharge.confirmOk'),
        cancelText: t('discharge.confirmBack'),
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });
  }

  return (
    <Form form={form} layout="vertical" name="discharge" onFinish={finish} onValuesChange={draft.onValuesChange} initialValues={{ dischargedAt: toLocalInputValue(new Date()), rehabSessions: 0 }}>
      <FormError error={error} details={details} />
      <Form.Item label={t('discharge.total')} name={['bill', 'totalFen']} htmlFor="discharge-total" rules={[yuanRule(t, { required: true, min: 1 })]} extra={t('discharge.yuanHelp')}>
        <Input id="discharge-total" inputMode="decimal" prefix="¥" autoFocus />
      </Form.Item>
      <Form.Item label={t('discharge.scope')} name={['bill', 'policyScopeFen']} htmlFor="discharge-scope" rules={[yuanRule(t, { required: true })]}>
        <Input id="discharge-scope" inputMode="decimal" prefix="¥" />
      </Form.Item>
      <Form.Item label={t('discharge.rehabSessions')} name="rehabSessions" htmlFor="discharge-rehab">
        <InputNumber id="discharge-rehab" min={0} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item label={t('discharge.dischargedAt')} name="dischargedAt" htmlFor="discharge-at">
        <DateTimeInput id="discharge-at" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('discharge.submit')}
      </Button>
    </Form>
  );
}
