import { Alert, App, Button, Card, Space } from 'antd';
import type { PayrollView } from '../api/types';
import type { PayrollActionPath } from '../api/endpoints';
import { useSession } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { payrollActionsFor } from './whoMay';
import { usePayrollAction } from './usePayrollAction';
import { RejectPayrollButton } from './RejectPayrollButton';

/**
 * What the signed-in role may do to the payroll in its stage, and nothing else: civil affairs
 * recomputes and submits a draft, finance approves or sends back one awaiting approval. A refusal
 * (four-eyes: the submitter cannot approve) is said plainly above the buttons.
 */
export function PayrollActions({ view, onChanged }: { view: PayrollView; onChanged: (view: PayrollView) => void }) {
  const { t } = useI18n();
  const { role } = useSession();
  const { message } = App.useApp();
  const { act, busy, error } = usePayrollAction(view.payrollId);
  const actions = payrollActionsFor(view.stage, role);
  if (actions.length === 0) return null;

  async function run(path: PayrollActionPath, body: object = {}): Promise<boolean> {
    const next = await act(path, body);
    if (!next) return false;
    void message.success(t(`payroll.done.${path}`));
    onChanged(next);
    return true;
  }

  return (
    <Card size="small" title={t('payroll.actions')} data-testid="payroll-actions">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="payroll-action-error" />}
      <Space wrap>
        {actions.includes('recompute') && (
          <Button loading={busy === 'recompute'} onClick={() => void run('recompute')}>
            {t('payroll.recompute')}
          </Button>
        )}
        {actions.includes('submit') && (
          <Button type="primary" loading={busy === 'submit'} onClick={() => void run('submit')}>
            {t('payroll.submit')}
          </Button>
        )}
        {actions.includes('approve') && (
          <Button type="primary" loading={busy === 'approve'} onClick={() => void run('approve')}>
            {t('payroll.approve')}
          </Button>
        )}
        {actions.includes('reject') && <RejectPayrollButton busy={busy === 'reject'} error={error} onReject={(reason) => run('reject', { reason })} />}
      </Space>
    </Card>
  );
}
