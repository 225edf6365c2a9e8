/**
 * Money by hand needs two administrators, and the payer's own books decide. Each test drives a
 * real case workflow on the dev server with the sandbox payers; the race of the issue that found
 * it (a resolution approved while the payer call is paying) is reproduced with a payer that
 * answers after 3 s whatever happens, and the reverse (the payer answered before the approval).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { listCaseEvents } from '../../programs/surgery/store/case-events';
import { settle, parsePolicy, type SettlementOverrides } from '../../programs/surgery/domain/policy/index';
import type { ClaimProposalInput } from '../../programs/surgery/domain/schemas';
import type { Actor } from '../../domain/actor';
import type { Payer } from '../../programs/surgery/domain/stages';
import type { assistanceCase } from '../../programs/workflows';
import {
  approveProposalUpdate,
  getCaseQuery,
  proposeResolutionUpdate,
  recordAdmissionUpdate,
  recordScreeningUpdate,
  rejectProposalUpdate,
  resolveClaimUpdate,
} from '../../programs/surgery/workflow/definitions';
import { ACTORS, admissionOk, dischargeOk, screeningOk } from '../fixtures/cases';
import { eventually } from '../support/eventually';
import { createCaseHarness, DEFAULT_POLICY_FILE, resolveByHand, toReimbursing, type CaseHarness } from './case-harness';
import type { SandboxPayers } from '../../programs/surgery/activities/payers/sandbox-payer';
import type { PayerAdapter, PayerClaimRecord, VoidRequest } from '../../programs/surgery/activities/payers/payer-adapter';
import fs from 'node:fs';

type Handle = WorkflowHandle<typeof assistanceCase>;
const { admin, approver, officer, hospital } = ACTORS;
const POLICY = parsePolicy(JSON.parse(fs.readFileSync(DEFAULT_POLICY_FILE, 'utf8')), ['TERTIARY_A']);
const CONTEXT = { bill: dischargeOk.bill, insured: true, assistanceCategory: 'DIBAO' as const, disabilityCertificate: 'x', hospitalLevel: 'TERTIARY_A' as const };
/** What the policy pays each payer of the policy's worked example, written out by hand. */
const POLICY_AMOUNTS = [5_759_000, 2_118_250, 785_925, 1_600_000, 1_736_825];

async function refusalType(attempt: Promise<unknown>): Promise<string | undefined> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  // A case that settled meanwhile has closed: the API answers from its stored state (a refusal).
  if (error instanceof WorkflowNotFoundError) return 'Closed';
  if (!(error instanceof WorkflowUpdateFailedError)) throw new Error(`expected a refused update, got ${String(error)}`);
  return (error.cause as ApplicationFailure).type ?? undefined;
}

function propose(handle: Handle, payer: Payer, input: Partial<ClaimProposalInput> & Pick<ClaimProposalInput, 'status'>, actor: Actor = admin) {
  return handle.executeUpdate(proposeResolutionUpdate, { args: [{ payer, input: { reference: 'REF-1', overridePolicy: false, ...input }, actor }] });
}

async function waitingOn(handle: Handle, payer: Payer): Promise<void> {
  await eventually(`the cascade waiting on ${payer}`, async () =>
    (await handle.query(getCaseQuery)).reimbursement?.claims.find((claim) => claim.payer === payer)?.status === 'IN_PROGRESS' ? true : undefined,
  );
}

/** Every claim key: the payer's books and the ledger agree, or the case has a discrepancy for it. */
async function expectReconciled(h: CaseHarness, caseId: string): Promise<void> {
  const ledger = await h.db.selectFrom('claims').selectAll().where('case_id', '=', caseId).execute();
  const books = await h.db.selectFrom('sandbox_claims').selectAll().where('case_id', '=', caseId).execute();
  const flagged = new Set((await h.db.selectFrom('payment_discrepancies').select('idempotency_key').where('case_id', '=', caseId).execute()).map((r) => r.idempotency_key));
  for (const claim of ledger) {
    const book = books.find((b) => b.idempotency_key === claim.idempotency_key);
    // Written out here, not imported: a claim settled by hand is VOIDED in the payer's books, nothing else.
    const agrees = claim.decided_by === 'admin' ? book?.status === 'VOIDED' && book.amount_fen === 0 : book?.status === claim.status && book.amount_fen === claim.amount_fen;
    if (!agrees) expect(flagged).toContain(claim.idempotency_key);
  }
  expect(ledger.reduce((sum, claim) => sum + (claim.status === 'PAID' ? claim.amount_fen : 0), 0)).toBe(dischargeOk.bill.totalFen);
}

/** The sandbox payers with a void of another kind (a payer that cannot void, or lies about it). */
function sandboxWithVoid(voidClaim: (sandbox: SandboxPayers, request: VoidRequest) => Promise<PayerClaimRecord>) {
  return (sandbox: SandboxPayers): PayerAdapter => ({
    submitClaim: (request, signal) => sandbox.submitClaim(request, signal),
    claimRecord: (payer, key) => sandbox.claimRecord(payer, key),
    voidClaim: (request) => voidClaim(sandbox, request),
  });
}

/** A case waiting on `payer`, which is down, with a proposal by `admin` to pay `amountFen`. */
async function proposedWhileDown(h: CaseHarness, payer: Payer, amountFen: number) {
  h.setPayer(payer, { mode: 'down' });
  const handle = await h.startCase();
  const { caseId } = await toReimbursing(handle);
  await waitingOn(handle, payer);
  const proposed = await propose(handle, payer, { status: 'PAID', amountFen });
  const { proposalId } = proposed.reimbursement!.proposals![0]!;
  const approve = () => handle.executeUpdate(approveProposalUpdate, { args: [{ payer, proposalId, input: {}, actor: approver }] });
  return { handle, caseId, approve };
}

describe('with the sandbox payers', () => {
  let h: CaseHarness;
  beforeAll(async () => {
    h = await createCaseHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  test('proposed by one administrator, refused to the same one, approved by another: voided at the payer, then recorded', async () => {
    h.setPayer('CRITICAL_ILLNESS_INSURANCE', { mode: 'down' });
    try {
      const handle = await h.startCase();
      const { caseId } = await toReimbursing(handle);
      await waitingOn(handle, 'CRITICAL_ILLNESS_INSURANCE');

      // A reference is required by the schema; here the workflow checks the amount against the policy.
      expect(await refusalType(propose(handle, 'CRITICAL_ILLNESS_INSURANCE', { status: 'PAID', amountFen: 2_118_251 }))).toBe('Unprocessable');
      const proposed = await propose(handle, 'CRITICAL_ILLNESS_INSURANCE', { status: 'PAID', amountFen: 1_000_000, reference: 'CII-OFFLINE-9', note: '线下结算' });
      const proposal = proposed.reimbursement!.proposals![0]!;
      expect(proposal).toMatchObject({ state: 'PROPOSED', proposedBy: 'admin-wang', amountFen: 1_000_000, policyAmountFen: 2_118_250, owedFen: 6_241_000 });
      // Until approved the claim stays open: nothing was recorded as paid.
      expect(proposed.reimbursement!.claims[1]).toMatchObject({ status: 'IN_PROGRESS' });
      // The same proposal again is the same proposal; another one is refused while it waits.
      expect((await propose(handle, 'CRITICAL_ILLNESS_INSURANCE', { status: 'PAID', amountFen: 1_000_000, reference: 'CII-OFFLINE-9', note: '线下结算' })).reimbursement!.proposals).toHaveLength(1);
      expect(await refusalType(propose(handle, 'CRITICAL_ILLNESS_INSURANCE', { status: 'PAID', amountFen: 5 }, approver))).toBe('StageConflict');

      const approve = (actor: Actor) =>
        handle.executeUpdate(approveProposalUpdate, { args: [{ payer: 'CRITICAL_ILLNESS_INSURANCE', proposalId: proposal.proposalId, input: {}, actor }] });
      expect(await refusalType(approve(admin))).toBe('FourEyes');
      const approved = await approve(approver);
      expect(approved.reimbursement!.claims[1]).toMatchObject({ status: 'PAID', amountFen: 1_000_000, decidedBy: 'admin', reference: 'CII-OFFLINE-9' });
      expect(approved.reimbursement!.claims[1]!.explanation).toMatch(/admin-wang.*admin-zhao/);
      expect(approved.reimbursement!.proposals![0]).toMatchObject({ state: 'APPROVED', decidedBy: 'admin-zhao' });

      expect(await handle.result()).toMatchObject({ stage: 'SETTLED' });
      const expected = settle(POLICY, CONTEXT, { CRITICAL_ILLNESS_INSURANCE: { status: 'PAID', amountFen: 1_000_000 } } satisfies SettlementOverrides);
      expect((await handle.query(getCaseQuery)).reimbursement!.claims.map((c) => c.amountFen)).toEqual(expected.map((c) => c.amountFen));

      const events = await listCaseEvents(h.db, caseId);
      const resolved = events.find((e) => e.type === 'ClaimResolvedManually')!;
      expect(resolved.actor).toEqual({ role: 'admin', sub: 'admin-zhao' });
      expect(resolved.data).toMatchObject({ proposalId: proposal.proposalId, proposedBy: 'admin-wang', approvedBy: 'admin-zhao', amountFen: 1_000_000 });
      expect(events.filter((e) => e.type.startsWith('Resolution')).map((e) => [e.type, e.actor.sub])).toEqual([
        ['ResolutionProposed', 'admin-wang'],
        ['ResolutionApproved', 'admin-zhao'],
      ]);
      // The payer's books: the key voided; the payer coming back can never pay it.
      h.setPayer('CRITICAL_ILLNESS_INSURANCE', { mode: 'up' });
      const books = await h.db.selectFrom('sandbox_claims').selectAll().where('idempotency_key', '=', `${caseId}:CRITICAL_ILLNESS_INSURANCE`).execute();
      expect(books).toMatchObject([{ status: 'VOIDED', amount_fen: 0, reference: 'CII-OFFLINE-9' }]);
      await expectReconciled(h, caseId);
      expect(await h.db.selectFrom('claim_proposals').select(['state']).where('case_id', '=', caseId).execute()).toEqual([{ state: 'APPROVED' }]);
    } finally {
      h.setPayer('CRITICAL_ILLNESS_INSURANCE', { mode: 'up' });
    }
  });

  test('the payer answered before the approval: its decision stands, the proposal is superseded and cannot be approved', async () => {
    h.setPayer('BASIC_MEDICAL_INSURANCE', { latencyMs: 2_500 });
    try {
      const handle = await h.startCase();
      const { caseId } = await toReimbursing(handle);
      await waitingOn(handle, 'BASIC_MEDICAL_INSURANCE');
      const proposed = await propose(handle, 'BASIC_MEDICAL_INSURANCE', { status: 'PAID', amountFen: 1 });
      const { proposalId } = proposed.reimbursement!.proposals![0]!;
      await eventually('the payer answered', async () => ((await handle.query(getCaseQuery)).reimbursement!.claims[0]!.status === 'PAID' ? true : undefined));
      expect((await handle.query(getCaseQuery)).reimbursement!.proposals![0]).toMatchObject({ state: 'SUPERSEDED' });
      expect(['StageConflict', 'Closed']).toContain(
        await refusalType(handle.executeUpdate(approveProposalUpdate, { args: [{ payer: 'BASIC_MEDICAL_INSURANCE', proposalId, input: {}, actor: approver }] })),
      );
      expect(await handle.result()).toMatchObject({ stage: 'SETTLED' });
      expect((await handle.query(getCaseQuery)).reimbursement!.claims.map((c) => c.amountFen)).toEqual(POLICY_AMOUNTS);
      await expectReconciled(h, caseId);
    } finally {
      h.setPayer('BASIC_MEDICAL_INSURANCE', { latencyMs: 0 });
    }
  });

  test('a proposal turned down leaves the claim open; the payer may still answer', async () => {
    h.setPayer('MEDICAL_ASSISTANCE', { mode: 'down' });
    try {
      const handle = await h.startCase();
      await toReimbursing(handle);
      await waitingOn(handle, 'MEDICAL_ASSISTANCE');
      const proposed = await propose(handle, 'MEDICAL_ASSISTANCE', { status: 'REJECTED', reason: '不在救助范围' });
      const { proposalId } = proposed.reimbursement!.proposals![0]!;
      const rejected = await handle.executeUpdate(rejectProposalUpdate, { args: [{ payer: 'MEDICAL_ASSISTANCE', proposalId, input: { reason: '核实后属于救助对象' }, actor: approver }] });
      expect(rejected.reimbursement!.proposals![0]).toMatchObject({ state: 'REJECTED', decidedBy: 'admin-zhao', decisionNote: '核实后属于救助对象' });
      expect(rejected.reimbursement!.claims[2]).toMatchObject({ status: 'IN_PROGRESS' });
      h.setPayer('MEDICAL_ASSISTANCE', { mode: 'up' });
      expect(await handle.result()).toMatchObject({ stage: 'SETTLED' });
      expect((await handle.query(getCaseQuery)).reimbursement!.claims.map((c) => c.amountFen)).toEqual(POLICY_AMOUNTS);
    } finally {
      h.setPayer('MEDICAL_ASSISTANCE', { mode: 'up' });
    }
  });

  test('paying more than the policy needs overridePolicy with a note, and says so in the record', async () => {
    h.setPayer('DISABILITY_ASSISTANCE', { mode: 'down' });
    try {
      const handle = await h.startCase();
      const { caseId } = await toReimbursing(handle);
      await waitingOn(handle, 'DISABILITY_ASSISTANCE');
      expect(await refusalType(propose(handle, 'DISABILITY_ASSISTANCE', { status: 'PAID', amountFen: 2_000_000 }))).toBe('Unprocessable');
      const resolved = await resolveByHand(handle, 'DISABILITY_ASSISTANCE', { status: 'PAID', amountFen: 2_000_000, reference: 'DA-2', overridePolicy: true, note: '区残联特批' });
      expect(resolved.reimbursement!.claims[3]!.explanation).toMatch(/区残联特批/);
      expect(await handle.result()).toMatchObject({ stage: 'SETTLED' });
      // The charity pays the rest: 12,000,000 − 5,759,000 − 2,118,250 − 785,925 − 2,000,000.
      expect((await handle.query(getCaseQuery)).reimbursement!.claims.map((c) => c.amountFen)).toEqual([5_759_000, 2_118_250, 785_925, 2_000_000, 1_336_825]);
      const event = (await listCaseEvents(h.db, caseId)).find((e) => e.type === 'ClaimResolvedManually')!;
      expect(event.data).toMatchObject({ overridePolicy: true });
    } finally {
      h.setPayer('DISABILITY_ASSISTANCE', { mode: 'up' });
    }
  });

  test('the workflow checks who acts: roles and the hospital, whatever a client sends to Temporal directly', async () => {
    const handle = await h.startCase();
    const asOfficer = { role: 'officer', sub: 'officer-li' } as const;
    expect(await refusalType(handle.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: { role: 'hospital', sub: 'his', hospitalId: 'wuwei-hand-foot' } }] }))).toBe('Forbidden');
    expect(await refusalType(handle.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: { role: 'admin', sub: 'admin-wang' } }] }))).toBe('Forbidden');
    expect(await refusalType(handle.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: { role: 'officer', sub: '' } }] }))).toBe('Forbidden');
    await handle.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: officer }] });
    expect(await refusalType(handle.executeUpdate(recordAdmissionUpdate, { args: [{ input: admissionOk, actor: asOfficer }] }))).toBe('Forbidden');
    expect(await refusalType(handle.executeUpdate(recordAdmissionUpdate, { args: [{ input: admissionOk, actor: { role: 'hospital', sub: 'his', hospitalId: 'another-hospital' } }] }))).toBe('Forbidden');
    expect(await refusalType(handle.executeUpdate(recordAdmissionUpdate, { args: [{ input: admissionOk, actor: { role: 'hospital', sub: 'his' } }] }))).toBe('Forbidden');
    expect(await refusalType(propose(handle, 'BASIC_MEDICAL_INSURANCE', { status: 'PAID', amountFen: 1 }, hospital))).toBe('Forbidden');
    await handle.executeUpdate(recordAdmissionUpdate, { args: [{ input: admissionOk, actor: hospital }] });
    expect((await handle.query(getCaseQuery)).stage).toBe('AWAITING_SURGERY');
    await handle.terminate('test done');
  });

  test('the single-administrator resolution is refused for cases under the four-eyes rule', async () => {
    h.setPayer('MEDICAL_ASSISTANCE', { mode: 'down' });
    try {
      const handle = await h.startCase();
      await toReimbursing(handle);
      await waitingOn(handle, 'MEDICAL_ASSISTANCE');
      expect(
        await refusalType(handle.executeUpdate(resolveClaimUpdate, { args: [{ payer: 'MEDICAL_ASSISTANCE', input: { status: 'PAID', amountFen: 1, reference: 'R' }, actor: admin }] })),
      ).toBe('Forbidden');
      await handle.terminate('test done');
    } finally {
      h.setPayer('MEDICAL_ASSISTANCE', { mode: 'up' });
    }
  });
});

describe('a payer that pays whatever is asked of it after 3 s (the race that found the defect)', () => {
  let h: CaseHarness;
  beforeAll(async () => {
    // The call cannot be stopped once it is on its way (no heartbeat reaches it): the payer pays.
    h = await createCaseHarness({
      adaptActivities: (activities) => ({
        ...activities,
        submitClaim: async (request, events) => {
          if (request.payer === 'BASIC_MEDICAL_INSURANCE') await sleep(3_000);
          return activities.submitClaim(request, events);
        },
      }),
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  test('proposed and approved while the call pays: the payer\'s payment stands, the proposal is superseded, the funds after it pay by the policy', async () => {
    const handle = await h.startCase({ input: { assistanceCategory: 'DIBAO' } });
    const { caseId } = await toReimbursing(handle);
    await waitingOn(handle, 'BASIC_MEDICAL_INSURANCE');
    const proposed = await propose(handle, 'BASIC_MEDICAL_INSURANCE', { status: 'PAID', amountFen: 1 });
    const approved = await handle.executeUpdate(approveProposalUpdate, {
      args: [{ payer: 'BASIC_MEDICAL_INSURANCE', proposalId: proposed.reimbursement!.proposals![0]!.proposalId, input: {}, actor: approver }],
    });
    expect(approved.reimbursement!.claims[0]).toMatchObject({ status: 'PAID', amountFen: 5_759_000, decidedBy: 'payer' });
    expect(approved.reimbursement!.proposals![0]).toMatchObject({ state: 'SUPERSEDED' });
    expect(await handle.result()).toMatchObject({ stage: 'SETTLED' });
    expect((await handle.query(getCaseQuery)).reimbursement!.claims.map((c) => c.amountFen)).toEqual(POLICY_AMOUNTS);
    await expectReconciled(h, caseId);
    expect(await h.db.selectFrom('payment_discrepancies').selectAll().where('case_id', '=', caseId).execute()).toEqual([]);
  }, 30_000);
});

describe('a payer that acknowledges a void and pays anyway (a late answer after a resolution by hand)', () => {
  let h: CaseHarness;
  beforeAll(async () => {
    h = await createCaseHarness({
      // Says VOIDED, but its books hold a payment made meanwhile by another of its channels.
      adaptPayers: sandboxWithVoid(async (_sandbox, request) => {
        await h.db
          .insertInto('sandbox_claims')
          .values({ idempotency_key: request.idempotencyKey, payer: request.payer, case_id: request.caseId, status: 'PAID', amount_fen: 429_000, reason: null, reference: 'LATE-1', explanation: 'paid late' })
          .execute();
        return { status: 'VOIDED', amountFen: 0, reason: null, reference: request.reference, explanation: 'voided', recordedAt: new Date().toISOString() };
      }),
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  test('the payment is recorded as a discrepancy with both amounts, for a person to settle', async () => {
    h.setPayer('MEDICAL_ASSISTANCE', { mode: 'down' });
    try {
      const handle = await h.startCase();
      const { caseId } = await toReimbursing(handle);
      await waitingOn(handle, 'MEDICAL_ASSISTANCE');
      await resolveByHand(handle, 'MEDICAL_ASSISTANCE', { status: 'PAID', amountFen: 785_925, reference: 'MA-OFFLINE' });
      expect(await handle.result()).toMatchObject({ stage: 'SETTLED' });
      const view = await handle.query(getCaseQuery);
      expect(view.reimbursement!.discrepancies).toEqual([
        expect.objectContaining({ payer: 'MEDICAL_ASSISTANCE', ledgerStatus: 'PAID', ledgerAmountFen: 785_925, payerStatus: 'PAID', payerAmountFen: 429_000, payerReference: 'LATE-1' }),
      ]);
      const rows = await eventually('the discrepancy projected', async () => {
        const found = await h.db.selectFrom('payment_discrepancies').selectAll().where('case_id', '=', caseId).execute();
        return found.length > 0 ? found : undefined;
      });
      expect(rows).toMatchObject([{ payer: 'MEDICAL_ASSISTANCE', ledger_amount_fen: 785_925, payer_amount_fen: 429_000 }]);
      await expectReconciled(h, caseId);
    } finally {
      h.setPayer('MEDICAL_ASSISTANCE', { mode: 'up' });
    }
  });
});

describe('a payer that cannot void', () => {
  let h: CaseHarness;
  let voids = 0;
  beforeAll(async () => {
    h = await createCaseHarness({
      adaptPayers: sandboxWithVoid(async () => {
        voids++;
        throw new Error('voids are not supported by this payer');
      }),
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  test('the approval is refused with the reason, the proposal waits again, and the payer is called again', async () => {
    try {
      const { handle, caseId, approve } = await proposedWhileDown(h, 'CRITICAL_ILLNESS_INSURANCE', 100);
      const refused = await refusalType(approve());
      expect(refused).toBe('Unprocessable');
      expect(voids).toBeGreaterThanOrEqual(2);
      const view = await handle.query(getCaseQuery);
      expect(view.reimbursement!.proposals![0]).toMatchObject({ state: 'PROPOSED', decisionNote: expect.stringMatching(/voids are not supported/) });
      expect(view.reimbursement!.claims[1]).toMatchObject({ status: 'IN_PROGRESS' });
      h.setPayer('CRITICAL_ILLNESS_INSURANCE', { mode: 'up' });
      expect(await handle.result()).toMatchObject({ stage: 'SETTLED' });
      expect((await handle.query(getCaseQuery)).reimbursement!.claims.map((c) => c.amountFen)).toEqual(POLICY_AMOUNTS);
      expect((await listCaseEvents(h.db, caseId)).map((e) => e.type)).toContain('ResolutionVoidFailed');
    } finally {
      h.setPayer('CRITICAL_ILLNESS_INSURANCE', { mode: 'up' });
    }
  }, 60_000);
});

describe('a void that took effect although its call failed', () => {
  let h: CaseHarness;
  beforeAll(async () => {
    h = await createCaseHarness({
      // The void reaches the payer's books, then the answer is lost (a timeout, a dropped connection).
      adaptPayers: sandboxWithVoid(async (sandbox, request) => {
        await sandbox.voidClaim(request);
        throw new Error('connection reset after the void was sent');
      }),
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  test('the payer\'s books say VOIDED: the resolution is recorded, and the payer never pays the key', async () => {
    try {
      const { handle, caseId, approve } = await proposedWhileDown(h, 'CRITICAL_ILLNESS_INSURANCE', 1_000_000);
      const approved = await approve();
      expect(approved.reimbursement!.claims[1]).toMatchObject({ status: 'PAID', amountFen: 1_000_000, decidedBy: 'admin' });
      h.setPayer('CRITICAL_ILLNESS_INSURANCE', { mode: 'up' });
      expect(await handle.result()).toMatchObject({ stage: 'SETTLED' });
      const types = (await listCaseEvents(h.db, caseId)).map((e) => e.type);
      expect(types).not.toContain('ResolutionVoidFailed');
      const books = await h.db.selectFrom('sandbox_claims').select(['status']).where('idempotency_key', '=', `${caseId}:CRITICAL_ILLNESS_INSURANCE`).execute();
      expect(books).toEqual([{ status: 'VOIDED' }]);
      await expectReconciled(h, caseId);
    } finally {
      h.setPayer('CRITICAL_ILLNESS_INSURANCE', { mode: 'up' });
    }
  }, 60_000);
});
