/**
 * The names a case travels under are recorded outside the code (workflow ids and failure types in
 * Temporal's histories, claim keys at the payers, failure texts in the store), so each is pinned
 * here as written out by hand, and each is read back by the same module that builds it.
 */
import { caseIdOfWorkflowId, caseWorkflowId, claimIdempotencyKey, CASE_TASK_QUEUE } from '../../../programs/surgery/domain/ids';
import { REFUSAL_FAILURE_TYPES, refusalFailureDetails, refusalOfFailure } from '../../../domain/refusals';
import type { Refusal } from '../../../programs/surgery/domain/refusals';
import { payerErrorOf, payerFailureText } from '../../../programs/surgery/domain/claim-failure-text';

test('a case workflow id is the case id after "case-", and only such an id gives a case id back', () => {
  expect(caseWorkflowId('LZ-20261130-ABCDE')).toBe('case-LZ-20261130-ABCDE');
  expect(caseIdOfWorkflowId('case-LZ-20261130-ABCDE')).toBe('LZ-20261130-ABCDE');
  expect(caseIdOfWorkflowId('case-')).toBeUndefined();
  expect(caseIdOfWorkflowId('enrolment-42')).toBeUndefined();
  expect(CASE_TASK_QUEUE).toBe('assistance-cases');
});

test('a claim key is the case id and the payer', () => {
  expect(claimIdempotencyKey('c-1', 'MEDICAL_ASSISTANCE')).toBe('c-1:MEDICAL_ASSISTANCE');
});

test('the failure types of refusals keep the names recorded in histories', () => {
  expect(REFUSAL_FAILURE_TYPES).toEqual({
    'stage-conflict': 'StageConflict',
    'idempotency-conflict': 'IdempotencyConflict',
    unprocessable: 'Unprocessable',
    forbidden: 'Forbidden',
    'four-eyes': 'FourEyes',
    'not-found': 'NotFound',
  });
});

test('every refusal raised as a failure reads back as the same refusal', () => {
  const refusals: Refusal[] = [
    { kind: 'stage-conflict', currentStage: 'AWAITING_SURGERY', detail: 'surgery needs stage AWAITING_SURGERY' },
    { kind: 'idempotency-conflict', detail: 'a' },
    { kind: 'unprocessable', detail: 'b' },
    { kind: 'forbidden', detail: 'c' },
    { kind: 'four-eyes', detail: 'd' },
    { kind: 'not-found', detail: 'e' },
  ];
  for (const refusal of refusals) {
    expect(refusalOfFailure(REFUSAL_FAILURE_TYPES[refusal.kind], refusal.detail, refusalFailureDetails(refusal))).toEqual(refusal);
  }
});

test('a stage conflict whose stage is not a name is unprocessable; a failure of another type is no refusal', () => {
  expect(refusalOfFailure('StageConflict', 'x', [{ currentStage: 42 }])).toEqual({ kind: 'unprocessable', detail: 'x' });
  expect(refusalOfFailure('StageConflict', 'x', undefined)).toEqual({ kind: 'unprocessable', detail: 'x' });
  expect(refusalOfFailure('ClaimVoided', 'x', undefined)).toBeUndefined();
  expect(refusalOfFailure(undefined, 'x', undefined)).toBeUndefined();
});

test("a payer's failure is recorded under its name and shown under its claim without it", () => {
  const recorded = payerFailureText('MEDICAL_ASSISTANCE', 'connect ECONNREFUSED');
  expect(recorded).toBe('MEDICAL_ASSISTANCE: connect ECONNREFUSED');
  expect(payerErrorOf('MEDICAL_ASSISTANCE', recorded)).toBe('connect ECONNREFUSED');
  // A failure before the payer was asked (storing the events) is shown as it was recorded.
  expect(payerErrorOf('MEDICAL_ASSISTANCE', 'storing the case\'s events: timeout')).toBe("storing the case's events: timeout");
});
