import { useState } from 'react';
import type { PayrollActionPath } from '../api/endpoints';
import type { PayrollView } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { describePayrollError } from './payrollProblems';

/** Sends one action on a payroll; a refusal (four-eyes, a stage moved on) becomes one sentence in `error`. */
export function usePayrollAction(payrollId: string) {
  const { api } = useAuth();
  const { t } = useI18n();
  const labels = useLabels();
  const [busy, setBusy] = useState<PayrollActionPath | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function act(path: PayrollActionPath, body: object = {}): Promise<PayrollView | undefined> {
    setBusy(path);
    setError(null);
    try {
      return await api.actOnPayroll(payrollId, path, body);
    } catch (cause) {
      setError(describePayrollError(t, cause, labels.payrollStage));
      return undefined;
    } finally {
      setBusy(null);
    }
  }

  return { act, busy, error, clearError: () => setError(null) };
}
