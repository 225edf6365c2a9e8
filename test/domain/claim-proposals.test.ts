/**
 * The two-administrator rule, purely: what a proposal may ask for, who may approve it, and what
 * the reducer makes of proposals, approvals and a payer decision that arrives first.
 */
import fc from 'fast-check';
import { permissionRefusal } from '../../programs/surgery/domain/case-permissions';
import { evolve, type CaseState } from '../../programs/surgery/domain/case-state';
import { approvedProposal, decideApproval, decideProposal, decideProposalRejection, resolutionRecorded } from '../../programs/surgery/domain/claim-proposals';
import type { CaseEvent, NewCaseEvent } from '../../programs/surgery/domain/events';
import type { ClaimProposalInput } from '../../programs/surgery/domain/schemas';
import type { Actor } from '../../domain/actor';
import { PAYERS, type Payer } from '../../programs/surgery/domain/stages';
import { dischargeOk, workedExampleCase } from '../fixtures/cases';

const at = '2026-11-29T10:00:00.000Z';
const wang: Actor = { role: 'admin', sub: 'admin-wang' };
const zhao: Actor = { role: 'admin', sub: 'admin-zhao' };
const system: Actor = { role: 'system', sub: 'workflow' };
const BILL = dischargeOk.bill.totalFen;

function fold(state: CaseState | undefined, event: NewCaseEvent): CaseState {
  return evolve(state, { ...event, seq: (state?.seq ?? 0) + 1 } as CaseEvent);
}

/** A case whose cascade waits on `PAYERS[index]`, the earlier payers having paid `paid` each. */
function waitingOn(index: number, paid = 1_000_000): CaseState {
  let state = fold(undefined, { type: 'CaseOpened', occurredAt: at, actor: system, data: { caseId: 'c-1', input: workedExampleCase(), hospitalLevel: 'TERTIARY_A' } });
  state = { ...state, stage: 'REIMBURSING', discharge: { dischargedAt: at, rehabSessions: 1, bill: dischargeOk.bill } };
  state = fold(state, { type: 'ReimbursementStarted', occurredAt: at, actor: system, data: { policyVersion: 'v', bill: dischargeOk.bill } });
  for (const payer of PAYERS.slice(0, index)) {
    state = fold(state, { type: 'ClaimSubmitted', occurredAt: at, actor: system, data: { payer, idempotencyKey: `c-1:${payer}` } });
    state = fold(state, { type: 'ClaimDecided', occurredAt: at, actor: system, data: { payer, status: 'PAID', amountFen: paid, reason: null, reference: null, explanation: 'x', attempts: 1 } });
  }
  return fold(state, { type: 'ClaimSubmitted', occurredAt: at, actor: system, data: { payer: PAYERS[index]!, idempotencyKey: `c-1:${PAYERS[index]}` } });
}

function applied(state: CaseState, decision: ReturnType<typeof decideProposal>): CaseState {
  if (decision.kind !== 'apply') throw new Error(`expected apply, got ${JSON.stringify(decision)}`);
  return fold(state, decision.event);
}

const paid = (amountFen: number, extra: Partial<ClaimProposalInput> = {}): ClaimProposalInput => ({ status: 'PAID', amountFen, reference: 'R-1', overridePolicy: false, ...extra });

test('a proposal is accepted only within what is owed, and above the policy only with an override', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 15_000_000 }), fc.integer({ min: 0, max: 12_000_000 }), fc.boolean(), (index, amountFen, policyAmountFen, override) => {
      const state = waitingOn(index);
      const owed = BILL - index * 1_000_000;
      const decision = decideProposal(state, PAYERS[index]!, paid(amountFen, override ? { overridePolicy: true, note: 'why' } : {}), wang, at, policyAmountFen);
      const allowed = amountFen <= owed && (amountFen <= policyAmountFen || override);
      expect(decision.kind).toBe(allowed ? 'apply' : 'refuse');
      if (decision.kind === 'refuse') expect(decision.refusal.kind).toBe('unprocessable');
    }),
  );
});

test('only for the claim in progress; one open proposal per claim; the same one again is a replay', () => {
  const state = waitingOn(1);
  expect(decideProposal(state, 'BASIC_MEDICAL_INSURANCE', paid(1), wang, at, 10)).toMatchObject({ kind: 'refuse', refusal: { kind: 'stage-conflict' } });
  const proposed = applied(state, decideProposal(state, 'CRITICAL_ILLNESS_INSURANCE', paid(5), wang, at, 10));
  expect(proposed.reimbursement!.proposals).toEqual([expect.objectContaining({ proposalId: `P${proposed.seq}`, state: 'PROPOSED', proposedBy: 'admin-wang', amountFen: 5, policyAmountFen: 10, owedFen: 11_000_000 })]);
  expect(proposed.reimbursement!.claims[1]!.status).toBe('IN_PROGRESS');
  expect(decideProposal(proposed, 'CRITICAL_ILLNESS_INSURANCE', paid(5), wang, at, 10)).toEqual({ kind: 'replay' });
  expect(decideProposal(proposed, 'CRITICAL_ILLNESS_INSURANCE', paid(6), wang, at, 10)).toMatchObject({ refusal: { kind: 'stage-conflict' } });
  expect(decideProposal(proposed, 'CRITICAL_ILLNESS_INSURANCE', paid(5), zhao, at, 10)).toMatchObject({ refusal: { kind: 'stage-conflict' } });
});

test('four eyes: never the proposer; any other administrator approves; a retried approval is a replay', () => {
  fc.assert(
    fc.property(fc.constantFrom(...PAYERS.slice(0, 4)), fc.string({ minLength: 1, maxLength: 8 }), fc.string({ minLength: 1, maxLength: 8 }), (payer: Payer, proposer, approver) => {
      const state = waitingOn(PAYERS.indexOf(payer));
      const proposed = applied(state, decideProposal(state, payer, paid(1), { role: 'admin', sub: proposer }, at, 10));
      const proposalId = proposed.reimbursement!.proposals![0]!.proposalId;
      const decision = decideApproval(proposed, payer, proposalId, {}, { role: 'admin', sub: approver }, at);
      // One person however the name is typed ("X" and " x" included).
      if (approver.trim().toLowerCase() === proposer.trim().toLowerCase()) {
        expect(decision).toMatchObject({ kind: 'refuse', refusal: { kind: 'four-eyes' } });
        return;
      }
      const approved = applied(proposed, decision);
      expect(approvedProposal(approved, payer)).toMatchObject({ state: 'APPROVED', decidedBy: approver });
      expect(decideApproval(approved, payer, proposalId, {}, { role: 'admin', sub: approver }, at)).toEqual({ kind: 'replay' });
      expect(decideApproval(approved, payer, proposalId, {}, { role: 'admin', sub: `${approver}-other` }, at)).toMatchObject({ refusal: { kind: 'stage-conflict' } });
      // Wrong payer in the path, or no such proposal: not found.
      expect(decideApproval(approved, 'PROVINCIAL_CHARITY', proposalId, {}, zhao, at)).toMatchObject({ refusal: { kind: 'not-found' } });
    }),
  );
});

test('a payer decision that arrives first supersedes an approved proposal; a recorded resolution names both people', () => {
  const state = waitingOn(0);
  const proposed = applied(state, decideProposal(state, 'BASIC_MEDICAL_INSURANCE', paid(1), wang, at, 5_759_000));
  const { proposalId } = proposed.reimbursement!.proposals![0]!;
  const approved = applied(proposed, decideApproval(proposed, 'BASIC_MEDICAL_INSURANCE', proposalId, {}, zhao, at));

  const paidByPayer = fold(approved, { type: 'ClaimDecided', occurredAt: at, actor: system, data: { payer: 'BASIC_MEDICAL_INSURANCE', status: 'PAID', amountFen: 429_000, reason: null, reference: 'BMI-1', explanation: 'x', attempts: 1 } });
  expect(paidByPayer.reimbursement!.proposals![0]!.state).toBe('SUPERSEDED');
  expect(paidByPayer.reimbursement!.claims[0]).toMatchObject({ status: 'PAID', amountFen: 429_000, decidedBy: 'payer' });
  expect(decideApproval(paidByPayer, 'BASIC_MEDICAL_INSURANCE', proposalId, {}, zhao, at)).toEqual({ kind: 'replay' });

  const resolved = fold(approved, resolutionRecorded(approved, approvedProposal(approved, 'BASIC_MEDICAL_INSURANCE')!, at));
  expect(resolved.reimbursement!.claims[0]).toMatchObject({ status: 'PAID', amountFen: 1, decidedBy: 'admin', reference: 'R-1' });
  expect(resolved.reimbursement!.claims[0]!.explanation).toMatch(/proposed by admin-wang, approved by admin-zhao/);
  expect(resolved.reimbursement!.paidFen).toBe(1);
});

test('a proposal turned down can be replaced; a void that failed opens it again', () => {
  const state = waitingOn(2);
  const proposed = applied(state, decideProposal(state, 'MEDICAL_ASSISTANCE', paid(3), wang, at, 10));
  const { proposalId } = proposed.reimbursement!.proposals![0]!;
  const rejected = applied(proposed, decideProposalRejection(proposed, 'MEDICAL_ASSISTANCE', proposalId, { reason: '金额有误' }, zhao, at));
  expect(rejected.reimbursement!.proposals![0]).toMatchObject({ state: 'REJECTED', decisionNote: '金额有误' });
  expect(decideProposalRejection(rejected, 'MEDICAL_ASSISTANCE', proposalId, { reason: '金额有误' }, zhao, at)).toEqual({ kind: 'replay' });
  expect(decideApproval(rejected, 'MEDICAL_ASSISTANCE', proposalId, {}, zhao, at)).toMatchObject({ refusal: { kind: 'stage-conflict' } });
  expect(decideProposal(rejected, 'MEDICAL_ASSISTANCE', paid(4), wang, at, 10).kind).toBe('apply');

  const approved = applied(proposed, decideApproval(proposed, 'MEDICAL_ASSISTANCE', proposalId, {}, zhao, at));
  const reopened = fold(approved, { type: 'ResolutionVoidFailed', occurredAt: at, actor: system, data: { payer: 'MEDICAL_ASSISTANCE', proposalId, error: 'no voids' } });
  expect(reopened.reimbursement!.proposals![0]).toMatchObject({ state: 'PROPOSED', decidedBy: null });
  expect(approvedProposal(reopened, 'MEDICAL_ASSISTANCE')).toBeUndefined();
});

test('who may act: each action for its role, a hospital only for its own case, nobody without a name', () => {
  const state = waitingOn(0);
  const actors: Actor[] = [
    { role: 'officer', sub: 'o' },
    { role: 'hospital', sub: 'h', hospitalId: 'wuwei-hand-foot' },
    { role: 'hospital', sub: 'h', hospitalId: 'liangzhou-people' },
    { role: 'admin', sub: 'a' },
    { role: 'system', sub: 'workflow' },
    { role: 'payer', sub: 'p' },
  ];
  const expected: Record<string, boolean[]> = {
    screening: [true, false, false, false, false, false],
    withdraw: [true, false, false, false, false, false],
    admission: [false, true, false, false, false, false],
    surgery: [false, true, false, false, false, false],
    discharge: [false, true, false, false, false, false],
    propose: [false, false, false, true, false, false],
    approve: [false, false, false, true, false, false],
    'reject-proposal': [false, false, false, true, false, false],
  };
  for (const [action, allowed] of Object.entries(expected)) {
    expect(actors.map((actor) => permissionRefusal(state, action as never, actor) === undefined)).toEqual(allowed);
  }
  expect(permissionRefusal(state, 'screening', { role: 'officer', sub: ' ' })).toMatchObject({ kind: 'forbidden' });
});
