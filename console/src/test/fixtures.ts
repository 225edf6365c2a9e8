import { idNumberCheckCharacter } from '@domain/id-number';
import { PAYERS } from '@surgery/stages';
import type { CaseView, ClaimProposalView, EnrolmentView, PaymentDiscrepancyView } from '../api/types';

export function validIdNumber(first17: string): string {
  return `${first17}${idNumberCheckCharacter(first17)}`;
}

export const ADULT_ID = validIdNumber('62060219800101123');
export const MINOR_ID = validIdNumber(`620602${new Date().getFullYear() - 10}0101123`);

export function caseView(overrides: Partial<CaseView> = {}): CaseView {
  return {
    caseId: 'LZ-2026-0001',
    stage: 'SCREENING',
    overdue: false,
    openedAt: '2026-11-01T09:00:00+08:00',
    stageEnteredAt: '2026-11-01T09:00:00+08:00',
    updatedAt: '2026-11-01T09:00:00+08:00',
    applicant: { name: '张三', idNumber: ADULT_ID, phone: '13800000000', town: '黄羊镇', village: '新店村', guardian: null },
    diagnosis: '先天性马蹄内翻足',
    hospitalId: 'wuwei-hand-foot',
    insured: true,
    assistanceCategory: 'DIBAO',
    disabilityCertificate: null,
    screening: null,
    admission: null,
    surgery: null,
    discharge: null,
    withdrawal: null,
    reimbursement: null,
    ...overrides,
  };
}

/** A settled case: bill ¥50,000.00, the five payers paid it all. */
export function settledCase(): CaseView {
  const amounts = [2_990_000, 310_000, 1_200_000, 300_000, 200_000];
  return caseView({
    stage: 'SETTLED',
    screening: { eligible: true, consent: true, reason: null, screenedBy: 'officer-1', screenedAt: '2026-11-02T09:00:00+08:00' },
    admission: { admittedAt: '2026-11-03T09:00:00+08:00', admissionNo: 'ZY-1', depositFen: 0 },
    surgery: { completedAt: '2026-11-04T09:00:00+08:00', procedure: '足部矫形术', outcome: 'SUCCESS' },
    discharge: { dischargedAt: '2026-11-10T09:00:00+08:00', rehabSessions: 10, bill: { totalFen: 5_000_000, policyScopeFen: 4_200_000 } },
    reimbursement: {
      policyVersion: 'gansu-2025-illustrative',
      claims: PAYERS.map((payer, i) => ({
        payer,
        status: 'PAID' as const,
        amountFen: amounts[i]!,
        reason: null,
        reference: null,
        decidedBy: 'payer' as const,
        explanation: `explanation ${payer}`,
        attempts: 1,
        lastError: null,
      })),
      paidFen: 5_000_000,
      outOfPocketFen: 0,
    },
  });
}

/** Reimbursing, waiting on medical assistance, which is down. */
export function reimbursingCase(): CaseView {
  const settled = settledCase();
  const claims = settled.reimbursement!.claims.map((claim, i) =>
    i < 2 ? claim : i === 2 ? { ...claim, status: 'IN_PROGRESS' as const, amountFen: 0, decidedBy: null, explanation: null, attempts: 5, lastError: 'payer unavailable' } : { ...claim, status: 'PENDING' as const, amountFen: 0, decidedBy: null, explanation: null },
  );
  return { ...settled, stage: 'REIMBURSING', reimbursement: { ...settled.reimbursement!, claims, paidFen: 3_300_000, outOfPocketFen: 1_700_000 } };
}

/** A resolution by hand of the medical-assistance claim of reimbursingCase(), waiting for approval. */
export function proposal(overrides: Partial<ClaimProposalView> = {}): ClaimProposalView {
  return {
    proposalId: 'P7',
    payer: 'MEDICAL_ASSISTANCE',
    state: 'PROPOSED',
    status: 'PAID',
    amountFen: 1_200_000,
    reason: null,
    reference: 'MA-OFFLINE-7',
    note: null,
    overridePolicy: false,
    policyAmountFen: 1_200_000,
    owedFen: 1_700_000,
    proposedBy: 'admin-2',
    proposedAt: '2026-11-12T10:00:00+08:00',
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    ...overrides,
  };
}

/** reimbursingCase() with these proposals (and discrepancies). */
export function reimbursingWith(proposals: ClaimProposalView[], discrepancies: PaymentDiscrepancyView[] = []): CaseView {
  const view = reimbursingCase();
  return { ...view, reimbursement: { ...view.reimbursement!, proposals, discrepancies } };
}

/** An enrolment as the API shows it to an officer: in town review, nothing decided, no month owed. */
export function enrolmentView(overrides: Partial<EnrolmentView> = {}): EnrolmentView {
  return {
    enrolmentId: 'EN-2026-0001',
    program: 'NURSING_SUBSIDY',
    personId: 'PS-1',
    stage: 'TOWN_REVIEW',
    appliedOn: '2026-10-08',
    overdue: false,
    openedAt: '2026-10-08T09:00:00+08:00',
    stageEnteredAt: '2026-10-08T09:00:00+08:00',
    updatedAt: '2026-10-08T09:00:00+08:00',
    person: { name: '马兰', idNumber: '62060219900101123X', town: '黄羊镇' },
    bankAccount: { bank: '凉州区农商银行黄羊支行', accountNo: '************5678' },
    townReview: null,
    cdpfReview: null,
    decision: null,
    noticeEndsAt: null,
    activeFrom: null,
    terminatedAfter: null,
    terminationReason: null,
    rejection: null,
    withdrawal: null,
    months: [],
    paidFen: 0,
    recovery: null,
    ...overrides,
  };
}

const REVIEWED = { approved: true, reason: null, reviewedBy: '王审核', recordedBy: 'officer-1', recordedAt: '2026-10-09T09:00:00+08:00' };

/** An enrolment paid from October: October paid, November in a payroll, December owed. */
export function activeEnrolment(overrides: Partial<EnrolmentView> = {}): EnrolmentView {
  return enrolmentView({
    stage: 'ACTIVE',
    townReview: REVIEWED,
    cdpfReview: { ...REVIEWED, recordedAt: '2026-10-10T09:00:00+08:00' },
    decision: { approved: true, monthlyFen: 8_000, policyVersion: '2026-01', reasons: [], reason: null, decidedBy: 'civil-1', decidedAt: '2026-10-11T09:00:00+08:00' },
    activeFrom: '2026-10',
    months: [
      { month: '2026-10', amountFen: 8_000, status: 'PAID', payrollId: 'PR-2026-10' },
      { month: '2026-11', amountFen: 8_000, status: 'IN_PAYROLL', payrollId: 'PR-2026-11' },
      { month: '2026-12', amountFen: 8_000, status: 'PAYABLE', payrollId: null },
    ],
    paidFen: 8_000,
    ...overrides,
  });
}
