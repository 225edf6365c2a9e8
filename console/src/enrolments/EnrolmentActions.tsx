import type { ReactElement } from 'react';
import { App, Card, Space } from 'antd';
import { BEFORE_ACTIVE_STAGES, isOneOf } from '@subsidy/stages';
import type { EnrolmentView } from '../api/types';
import { useSession } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { mayTake } from './whoMay';
import { ReviewForm } from './actions/ReviewForm';
import { DecisionForm } from './actions/DecisionForm';
import { SuspendForm } from './actions/SuspendForm';
import { ReinstateForm } from './actions/ReinstateForm';
import { RepaymentForm } from './actions/RepaymentForm';
import { ReasonActionButton } from './actions/ReasonActionButton';

/**
 * What the signed-in role may do to this enrolment in its stage, and nothing else: who may take
 * which action is the subsidy core's table, the stage decides which actions are open now. Each
 * action done says so.
 */
export function EnrolmentActions({ view, onChanged }: { view: EnrolmentView; onChanged: (view: EnrolmentView) => void }) {
  const { t } = useI18n();
  const { role } = useSession();
  const { message } = App.useApp();
  const done = (key: MessageKey) => (next: EnrolmentView) => {
    void message.success(t(key));
    onChanged(next);
  };

  const panels: { title: MessageKey; form: ReactElement }[] = [];
  const buttons: ReactElement[] = [];
  if (view.stage === 'TOWN_REVIEW' && mayTake('town-review', role)) {
    panels.push({ title: 'enrolmentStage.TOWN_REVIEW', form: <ReviewForm view={view} path="town-review" onDone={done('done.townReview')} /> });
  }
  if (view.stage === 'CDPF_REVIEW' && mayTake('cdpf-review', role)) {
    panels.push({ title: 'enrolmentStage.CDPF_REVIEW', form: <ReviewForm view={view} path="cdpf-review" onDone={done('done.cdpfReview')} /> });
  }
  if (view.stage === 'DECISION' && mayTake('decision', role)) {
    panels.push({ title: 'enrolmentStage.DECISION', form: <DecisionForm view={view} onDone={done('done.decision')} /> });
  }
  if (view.stage === 'ACTIVE' && mayTake('suspend', role)) {
    panels.push({ title: 'suspend.title', form: <SuspendForm view={view} onDone={done('done.suspend')} /> });
  }
  if (view.stage === 'SUSPENDED' && mayTake('reinstate', role)) {
    panels.push({ title: 'reinstate.title', form: <ReinstateForm view={view} onDone={done('done.reinstate')} /> });
  }
  const recovery = view.recovery;
  if (recovery?.status === 'OPEN' && mayTake('repayment', role)) {
    const outstandingFen = recovery.owedFen - recovery.recoveredFen - recovery.waivedFen;
    panels.push({ title: 'repayment.title', form: <RepaymentForm view={view} outstandingFen={outstandingFen} onDone={done('done.repayment')} /> });
  }
  if (view.stage === 'PUBLIC_NOTICE' && mayTake('objection', role)) {
    buttons.push(<ReasonActionButton key="objection" view={view} action="objection" onDone={done('done.objection')} />);
  }
  if (isOneOf(view.stage, BEFORE_ACTIVE_STAGES) && mayTake('withdraw', role)) {
    buttons.push(<ReasonActionButton key="withdraw" view={view} action="withdraw" onDone={done('done.enrolmentWithdrawal')} />);
  }
  if (recovery?.status === 'OPEN' && mayTake('waive', role)) {
    buttons.push(<ReasonActionButton key="waive" view={view} action="recovery/waive" onDone={done('done.waive')} />);
  }

  if (panels.length === 0 && buttons.length === 0) return null;
  const extra = buttons.length > 0 ? <Space wrap>{buttons}</Space> : undefined;
  if (panels.length === 0) {
    return <Card size="small" title={t('enrolment.actions')} extra={extra} data-testid="enrolment-actions" />;
  }
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="enrolment-actions">
      {panels.map((panel, i) => (
        <Card key={panel.title} size="small" title={t(panel.title)} extra={i === 0 ? extra : undefined}>
          {panel.form}
        </Card>
      ))}
    </Space>
  );
}
