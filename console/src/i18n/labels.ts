import { useMemo } from 'react';
import type { MessageKey } from './zh-CN';
import { useI18n } from './I18nProvider';

/** Names of the API's enumerations (stages, payers, …) in the chosen language; unknown values pass through. */
export function useLabels() {
  const { t, language } = useI18n();
  return useMemo(() => {
    const lookup = (prefix: string) => (value: string) => {
      const key = `${prefix}.${value}` as MessageKey;
      const text = t(key);
      return text === key ? value : text;
    };
    return {
      stage: lookup('stage'),
      payer: lookup('payer'),
      claimStatus: lookup('claimStatus'),
      category: lookup('category'),
      eventType: lookup('event'),
      role: lookup('role'),
      stuckKind: lookup('stuck.kind'),
      stuckItemKind: lookup('stuck.itemKind'),
      outcome: lookup('outcome'),
      enrolmentStage: lookup('enrolmentStage'),
      subsidyProgram: lookup('subsidyProgram'),
      monthStatus: lookup('monthStatus'),
      ineligibility: lookup('ineligibility'),
      termination: lookup('termination'),
      payrollStage: lookup('payrollStage'),
      payrollLineStatus: lookup('payrollLineStatus'),
      /** A line's reason: a drop reason at approval, or the bank's code for a returned line. */
      payrollLineReason: (reason: string) => {
        const dropped = lookup('dropReason')(reason);
        return dropped !== reason ? dropped : lookup('returnReason')(reason);
      },
      language,
    };
  }, [t, language]);
}
