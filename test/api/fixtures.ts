/** Request bodies and ID numbers for the API tests: every case gets its own ID number and case id. */
import { idNumberCheckCharacter } from '../../domain/id-number';
import { uniqueId } from '../support/stack';

/** A random adult birth date, YYYYMMDD: with the random region and sequence, numbers do not collide across test files. */
function randomAdultBirth(): string {
  const day = new Date(Date.UTC(1950, 0, 1) + Math.floor(Math.random() * 40 * 365) * 86_400_000);
  return day.toISOString().slice(0, 10).replaceAll('-', '');
}

/** A valid resident ID number (region 62xxxx), born on `birth` (YYYYMMDD) or on a random adult birthday. */
export function idNumber(birth?: string): string {
  const region = `62${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
  const sequence = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const first17 = `${region}${birth ?? randomAdultBirth()}${sequence}`;
  return `${first17}${idNumberCheckCharacter(first17)}`;
}

/** The same number with a wrong check character. */
export function withBadCheckDigit(valid: string): string {
  const check = valid[17]!;
  const other = '0123456789X'.split('').find((c) => c !== check)!;
  return `${valid.slice(0, 17)}${other}`;
}

export function caseId(prefix = 'api'): string {
  return uniqueId(prefix);
}

export interface NewCaseBody {
  caseId?: string;
  applicant: { name: string; idNumber: string; phone?: string; town: string; village?: string; guardian?: { name: string; phone: string; relation: string } };
  diagnosis: string;
  hospitalId: string;
  insured?: boolean;
  assistanceCategory: 'TEKUN' | 'DIBAO' | 'RETURNED_POOR' | 'NONE';
  disabilityCertificate?: string;
}

/** the policy's worked example: TERTIARY_A hospital, insured, DIBAO, with a disability certificate. */
export function newCase(overrides: Partial<NewCaseBody> = {}): NewCaseBody {
  return {
    caseId: caseId(),
    applicant: { name: '张三', idNumber: idNumber(), phone: '13800000000', town: '黄羊镇', village: '新店村' },
    diagnosis: '先天性马蹄内翻足',
    hospitalId: 'wuwei-hand-foot',
    insured: true,
    assistanceCategory: 'DIBAO',
    disabilityCertificate: 'CDPF-62060200001',
    ...overrides,
  };
}

export const SCREENING = { eligible: true, consent: true, screenedBy: '李医生', screenedAt: '2026-11-20T09:00:00+08:00' };
export const ADMISSION = { admittedAt: '2026-11-21T10:00:00+08:00', admissionNo: 'ZY-0001', depositFen: 0 };
export const SURGERY = { completedAt: '2026-11-22T15:00:00+08:00', procedure: '足部矫形术', outcome: 'SUCCESS' as const };
export const DISCHARGE = { dischargedAt: '2026-12-05T09:00:00+08:00', rehabSessions: 12, bill: { totalFen: 12_000_000, policyScopeFen: 9_000_000 } };
