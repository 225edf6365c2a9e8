import type { CaseView } from '../api/types';
import type { Role } from '../api/types';
import type { MessageKey } from '../i18n/zh-CN';
import { owedFen, waitingClaim } from './claims';

export interface NextStep {
  key: MessageKey;
  params: Record<string, string | number>;
  /** `you`: the reader has something to do; `wait`: someone else has; `done`: the case has ended. */
  tone: 'you' | 'wait' | 'done';
}

/** Named in the reader's words by the caller: a hospital's name, a payer's label, an amount in yuan. */
export interface NextStepNames {
  hospital: (hospitalId: string) => string;
  payer: (payer: string) => string;
  yuan: (fen: number) => string;
}

/**
 * Who the case waits for, said to the person reading it: their own task when they have one,
 * otherwise who else must act ("等待武威手足外科医院登记入院"), never just "nothing for you here".
 */
export function nextStep(view: CaseView, role: Role, names: NextStepNames): NextStep {
  const hospital = names.hospital(view.hospitalId);
  switch (view.stage) {
    case 'SCREENING':
      return role === 'officer' ? { key: 'next.screenYou', params: {}, tone: 'you' } : { key: 'next.screenWait', params: {}, tone: 'wait' };
    case 'AWAITING_ADMISSION':
      return role === 'hospital' ? { key: 'next.admitYou', params: {}, tone: 'you' } : { key: 'next.admitWait', params: { hospital }, tone: 'wait' };
    case 'AWAITING_SURGERY':
      return role === 'hospital' ? { key: 'next.surgeryYou', params: {}, tone: 'you' } : { key: 'next.surgeryWait', params: { hospital }, tone: 'wait' };
    case 'REHABILITATION':
      return role === 'hospital' ? { key: 'next.dischargeYou', params: {}, tone: 'you' } : { key: 'next.dischargeWait', params: { hospital }, tone: 'wait' };
    case 'REIMBURSING': {
      const claim = waitingClaim(view);
      const owed = names.yuan(owedFen(view));
      if (!claim) return { key: 'next.settling', params: { owed }, tone: 'wait' };
      const payer = names.payer(claim.payer);
      const proposal = view.reimbursement?.proposals?.find((p) => p.payer === claim.payer && p.state === 'PROPOSED');
      if (proposal) return { key: role === 'admin' ? 'next.approvalWaitAdmin' : 'next.approvalWait', params: { payer, owed }, tone: role === 'admin' ? 'you' : 'wait' };
      if (claim.lastError && claim.attempts > 0) {
        return { key: role === 'admin' ? 'next.payerDownAdmin' : 'next.payerDown', params: { payer, owed, attempts: claim.attempts }, tone: role === 'admin' ? 'you' : 'wait' };
      }
      return { key: 'next.payerWait', params: { payer, owed }, tone: 'wait' };
    }
    case 'SETTLED':
      return { key: 'next.settled', params: { own: names.yuan(view.reimbursement?.outOfPocketFen ?? 0) }, tone: 'done' };
    case 'INELIGIBLE':
      return { key: 'next.ineligible', params: {}, tone: 'done' };
    case 'WITHDRAWN':
      return { key: 'next.withdrawn', params: {}, tone: 'done' };
  }
}
