/**
 * The cases the benchmark opens: the policy's worked example (test/fixtures/cases.ts) with a
 * distinct, valid ID number per case (one open case per ID number is enforced), adults only (no
 * guardian needed), spread over towns and the registry's hospitals.
 */
import { randomInt } from 'node:crypto';
import type { Hospital, NewCaseInput } from '../../programs/surgery/domain/schemas';
import { idNumberCheckCharacter } from '../../domain/id-number';
import { workedExampleCase } from '../../test/fixtures/cases';

/** Some of Liangzhou's towns; the filtered list reads one of them. */
export const TOWNS = ['黄羊镇', '武南镇', '清源镇', '永昌镇', '双城镇', '丰乐镇', '高坝镇', '金羊镇', '和平镇', '羊下坝镇', '中坝镇', '永丰镇'] as const;

const BIRTH_DAYS = 18_000; // 1950-01-01 plus up to ~49 years: every applicant is an adult
const FIRST_BIRTH_DAY = Date.UTC(1950, 0, 1);
const DAY_MS = 86_400_000;

export class CaseFactory {
  private serial = 0;
  /** Varies the ID numbers between runs that share one database (DATABASE_URL). */
  private readonly salt = randomInt(1000);

  constructor(
    readonly runTag: string,
    private readonly hospitals: readonly Hospital[],
  ) {}

  caseId(prefix: string, index: number): string {
    return `${prefix}-${this.runTag}-${index}`;
  }

  private nextIdNumber(): string {
    const n = this.serial++;
    const birth = new Date(FIRST_BIRTH_DAY + (n % BIRTH_DAYS) * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '');
    const order = String((this.salt + Math.floor(n / BIRTH_DAYS)) % 1000).padStart(3, '0');
    const first17 = `620602${birth}${order}`;
    return first17 + idNumberCheckCharacter(first17);
  }

  hospitalOf(index: number): Hospital {
    return this.hospitals[index % this.hospitals.length]!;
  }

  newCase(prefix: string, index: number): NewCaseInput & { insured: boolean } {
    const base = workedExampleCase();
    return {
      ...base,
      caseId: this.caseId(prefix, index),
      applicant: { ...base.applicant, idNumber: this.nextIdNumber(), town: TOWNS[index % TOWNS.length]! },
      hospitalId: this.hospitalOf(index).id,
    };
  }
}

export { admissionOk, dischargeOk, screeningOk, surgeryOk } from '../../test/fixtures/cases';
