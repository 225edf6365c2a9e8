import { newCaseSchema, newCaseContextIssues, screeningSchema, admissionSchema, dischargeSchema, resolveClaimSchema } from '../../programs/surgery/domain/schemas';
import { makeIdNumber, workedExampleCase } from '../fixtures/cases';

function issuePaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return (result.error?.issues ?? []).map((issue) => issue.path.join('.'));
}

test('text PostgreSQL cannot store (NUL, unpaired surrogates) is refused where it is typed', () => {
  const body = workedExampleCase();
  expect(issuePaths(newCaseSchema.safeParse({ ...body, applicant: { ...body.applicant, name: 'a\u0000b' } }))).toEqual(['applicant.name']);
  expect(issuePaths(newCaseSchema.safeParse({ ...body, diagnosis: 'x\ud800' }))).toEqual(['diagnosis']);
  expect(newCaseSchema.safeParse(body).success).toBe(true);
});

test('a minor needs a guardian, judged on the day the case opens; the hospital must be in the registry', () => {
  const child = newCaseSchema.parse({ ...workedExampleCase(), applicant: { ...workedExampleCase().applicant, idNumber: makeIdNumber('20100315') } });
  const hospitals = new Set(['wuwei-hand-foot']);
  expect(newCaseContextIssues(child, '2026-11-28', hospitals)).toEqual([{ path: 'applicant.guardian', message: expect.any(String) }]);
  expect(newCaseContextIssues(child, '2028-03-15', hospitals)).toEqual([]);
  expect(newCaseContextIssues({ ...child, hospitalId: 'elsewhere' }, '2030-01-01', hospitals)).toEqual([{ path: 'hospitalId', message: expect.any(String) }]);
});

test('transition bodies: reasons, the zero deposit and the bill', () => {
  expect(issuePaths(screeningSchema.safeParse({ eligible: true, consent: false, screenedBy: 'li', screenedAt: '2026-11-01T09:00:00+08:00' }))).toEqual(['reason']);
  expect(issuePaths(admissionSchema.safeParse({ admittedAt: '2026-11-01T09:00:00+08:00', admissionNo: 'A', depositFen: 100 }))).toEqual(['depositFen']);
  expect(issuePaths(admissionSchema.safeParse({ admittedAt: '2026-11-01 09:00', admissionNo: 'A' }))).toEqual(['admittedAt']);
  expect(issuePaths(dischargeSchema.safeParse({ dischargedAt: '2026-11-01T09:00:00Z', rehabSessions: 1, bill: { totalFen: 10, policyScopeFen: 11 } }))).toEqual(['bill.policyScopeFen']);
  expect(issuePaths(dischargeSchema.safeParse({ dischargedAt: '2026-11-01T09:00:00Z', rehabSessions: 1, bill: { totalFen: 10.5, policyScopeFen: 1 } }))).toEqual(['bill.totalFen']);
  expect(issuePaths(resolveClaimSchema.safeParse({ status: 'PAID' }))).toEqual(['amountFen']);
  expect(issuePaths(resolveClaimSchema.safeParse({ status: 'REJECTED' }))).toEqual(['reason']);
});

test('unknown fields are refused rather than silently dropped', () => {
  expect(issuePaths(admissionSchema.safeParse({ admittedAt: '2026-11-01T09:00:00+08:00', admissionNo: 'A', bedNo: 3 }))).toEqual(['']);
});
