/** Setting the scene through the HTTP API (what the browser then shows is what is under test). */
import { idNumberCheckCharacter } from '../../../domain/id-number';

export class StackApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

let serial = 0;
/** A valid resident ID number, different for each call in this run (birth year 1960–1999, an adult). */
export function uniqueIdNumber(): string {
  serial += 1;
  const seed = (process.pid * 7919 + Date.now() + serial * 104_729) % 1_000_000;
  const year = 1960 + (seed % 40);
  const month = String((seed % 12) + 1).padStart(2, '0');
  const day = String((seed % 28) + 1).padStart(2, '0');
  const sequence = String((seed + serial) % 1000).padStart(3, '0');
  const first17 = `620602${year}${month}${day}${sequence}`;
  return `${first17}${idNumberCheckCharacter(first17)}`;
}

export function uniqueCaseId(prefix: string): string {
  serial += 1;
  return `${prefix}-${Date.now().toString(36)}-${serial}`.toUpperCase();
}

export function newCaseBody(caseId: string, overrides: { name?: string; town?: string; hospitalId?: string } = {}) {
  return {
    caseId,
    applicant: { name: overrides.name ?? '李明', idNumber: uniqueIdNumber(), town: overrides.town ?? '黄羊镇', village: '新店村' },
    diagnosis: '先天性马蹄内翻足',
    hospitalId: overrides.hospitalId ?? 'wuwei-hand-foot',
    insured: true,
    assistanceCategory: 'DIBAO',
    disabilityCertificate: '62060219800101123X01',
  };
}

const now = () => new Date().toISOString();

/** Opens a case and walks it, through the API, up to (not including) `until`. */
export async function walkCase(officer: StackApi, hospital: StackApi, caseId: string, until: 'AWAITING_ADMISSION' | 'REHABILITATION' | 'REIMBURSING', body = newCaseBody(caseId)) {
  await officer.call('POST', '/v1/cases', body);
  await officer.call('POST', `/v1/cases/${caseId}/screening`, { eligible: true, consent: true, screenedBy: 'e2e-officer', screenedAt: now() });
  if (until === 'AWAITING_ADMISSION') return;
  await hospital.call('POST', `/v1/cases/${caseId}/admission`, { admittedAt: now(), admissionNo: `ZY-${caseId}`, depositFen: 0 });
  await hospital.call('POST', `/v1/cases/${caseId}/surgery`, { completedAt: now(), procedure: '足部矫形术', outcome: 'SUCCESS' });
  if (until === 'REHABILITATION') return;
  await hospital.call('POST', `/v1/cases/${caseId}/discharge`, { dischargedAt: now(), rehabSessions: 8, bill: { totalFen: 5_000_000, policyScopeFen: 4_200_000 } });
}
