import type { Translate } from '../i18n/I18nProvider';
import { ApiError } from '../api/problem';
import { describeError } from '../components/problems';

/**
 * An error of a payroll's action in words: four-eyes names the rule of the payroll (another finance
 * officer approves), a stage conflict names the payroll's stage; the rest as anywhere else.
 */
export function describePayrollError(t: Translate, error: unknown, stageName: (stage: string) => string): string {
  if (error instanceof ApiError) {
    if (error.slug === 'four-eyes') return t('payroll.fourEyes');
    if (error.slug === 'not-found') return t('payroll.notFound');
    if (error.slug === 'stage-conflict') {
      const stage = error.problem.currentStage;
      return t('payroll.stageConflict', { stage: stage ? stageName(stage) : '?' });
    }
  }
  return describeError(t, error, stageName);
}
