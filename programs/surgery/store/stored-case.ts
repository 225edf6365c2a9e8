/**
 * The case as the `cases` row keeps it (the `state` jsonb): a document of its own, written and
 * read through these two mappings only. Rows already stored keep their shape, so a member is
 * renamed here only with a migration; renaming a member of the API's view never touches it.
 * The applicant's ID number is stored sealed (store/sealed-columns.ts), opened on the way out.
 */
import { open, seal } from '../../../store/sealed-columns';
import type { AssistanceCategory } from '../../../domain/fields';
import type {
  AdmissionRecord,
  Applicant,
  CaseState,
  DischargeRecord,
  Reimbursement,
  ScreeningRecord,
  SurgeryRecord,
  WithdrawalRecord,
} from '../domain/case-state';
import type { CaseAction } from '../domain/transition-kinds';
import type { HospitalLevel, Stage } from '../domain/stages';

export interface StoredCase {
  caseId: string;
  stage: Stage;
  overdue: boolean;
  openedAt: string;
  stageEnteredAt: string;
  updatedAt: string;
  applicant: Applicant;
  diagnosis: string;
  hospitalId: string;
  insured: boolean;
  assistanceCategory: AssistanceCategory;
  disabilityCertificate: string | null;
  screening: ScreeningRecord | null;
  admission: AdmissionRecord | null;
  surgery: SurgeryRecord | null;
  discharge: DischargeRecord | null;
  withdrawal: WithdrawalRecord | null;
  reimbursement: Reimbursement | null;
  seq: number;
  hospitalLevel: HospitalLevel;
  applied: Partial<Record<CaseAction, string>>;
}

export function toStoredCase(state: CaseState): StoredCase {
  return {
    caseId: state.caseId,
    stage: state.stage,
    overdue: state.overdue,
    openedAt: state.openedAt,
    stageEnteredAt: state.stageEnteredAt,
    updatedAt: state.updatedAt,
    applicant: { ...state.applicant, idNumber: seal('id-number', state.applicant.idNumber) },
    diagnosis: state.diagnosis,
    hospitalId: state.hospitalId,
    insured: state.insured,
    assistanceCategory: state.assistanceCategory,
    disabilityCertificate: state.disabilityCertificate,
    screening: state.screening,
    admission: state.admission,
    surgery: state.surgery,
    discharge: state.discharge,
    withdrawal: state.withdrawal,
    reimbursement: state.reimbursement,
    seq: state.seq,
    hospitalLevel: state.hospitalLevel,
    applied: state.applied,
  };
}

export function fromStoredCase(stored: StoredCase): CaseState {
  return {
    caseId: stored.caseId,
    stage: stored.stage,
    overdue: stored.overdue,
    openedAt: stored.openedAt,
    stageEnteredAt: stored.stageEnteredAt,
    updatedAt: stored.updatedAt,
    applicant: { ...stored.applicant, idNumber: open('id-number', stored.applicant.idNumber) },
    diagnosis: stored.diagnosis,
    hospitalId: stored.hospitalId,
    insured: stored.insured,
    assistanceCategory: stored.assistanceCategory,
    disabilityCertificate: stored.disabilityCertificate,
    screening: stored.screening,
    admission: stored.admission,
    surgery: stored.surgery,
    discharge: stored.discharge,
    withdrawal: stored.withdrawal,
    reimbursement: stored.reimbursement,
    seq: stored.seq,
    hospitalLevel: stored.hospitalLevel,
    applied: stored.applied,
  };
}
