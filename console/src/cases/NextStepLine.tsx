import { Alert } from 'antd';
import { formatYuan } from '@domain/money';
import type { CaseView } from '../api/types';
import { useSession } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { useHospitals } from '../components/hospitals';
import { nextStep } from './nextStep';

const ALERT_TYPE = { you: 'warning', wait: 'info', done: 'success' } as const;

/** The line at the top of a case page: what happens next and who does it. */
export function NextStepLine({ view }: { view: CaseView }) {
  const { t } = useI18n();
  const labels = useLabels();
  const hospitals = useHospitals();
  const session = useSession();
  const step = nextStep(view, session.role, { hospital: hospitals.name, payer: labels.payer, yuan: formatYuan });
  return <Alert data-testid="next-step" type={ALERT_TYPE[step.tone]} showIcon title={`${t('next.label')}${t(step.key, step.params)}`} />;
}
