import { settle } from '../../programs/surgery/domain/policy/index';
import { PAYERS, type Payer } from '../../programs/surgery/domain/stages';
import type { ClaimProposalInput } from '../../programs/surgery/domain/schemas';
import { listCaseEvents } from '../../programs/surgery/store/case-events';
import { caseOpenedUpdate, getCaseQuery, proposeResolutionUpdate } from '../../programs/surgery/workflow/definitions';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ACTORS, dischargeOk } from '../fixtures/cases';
import { createCaseHarness, resolveByHand, toReimbursing, type CaseHarness } from './case-harness';
import fs from 'node:fs';
import { parsePolicy } from '../../programs/surgery/domain/policy/index';
import { DEFAULT_POLICY_FILE } from './case-harness';

const { admin } = ACTORS;

let h: CaseHarness;
beforeAll(async () => {
  h = await createCaseHarness();
});
afterAll(async () => {
  await h?.close();
});


async function waitFor<T>(read: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('a payer that is down is retried until an administrator resolves the claim by hand; the cascade goes on from that amount', async () => {
  h.setPayer('CRITICAL_ILLNESS_INSURANCE', { mode: 'down' });
  try {
    const handle = await h.startCase();
    const { caseId } = await toReimbursing(handle);

    // The retries are recorded for the stuck-case report.
    const failure = await waitFor(async () =>
      h.db.selectFrom('activity_failures').selectAll().where('case_id', '=', caseId).where('attempts', '>=', 2).executeTakeFirst(),
    );
    expect(failure.last_failure).toContain('CRITICAL_ILLNESS_INSURANCE is down');
    const pending = (await handle.describe()).raw.pendingActivities ?? [];
    expect(pending[0]?.activityType?.name).toBe('submitClaim');

    // Only the claim the cascade waits on can be resolved, and only within what is owed.
    const propose = (payer: Payer, input: ClaimProposalInput) => handle.executeUpdate(proposeResolutionUpdate, { args: [{ payer, input, actor: admin }] }).catch((e: unknown) => e);
    const wrongPayer = await propose('MEDICAL_ASSISTANCE', { status: 'PAID', amountFen: 1, reference: 'X', overridePolicy: true, note: 'n' });
    expect(((wrongPayer as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('StageConflict');
    const tooMuch = await propose('CRITICAL_ILLNESS_INSURANCE', { status: 'PAID', amountFen: 6_241_001, reference: 'X', overridePolicy: true, note: 'n' });
    expect(((tooMuch as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('Unprocessable');

    const resolved = await resolveByHand(handle, 'CRITICAL_ILLNESS_INSURANCE', { status: 'PAID', amountFen: 1_000_000, reference: 'OFFLINE-42', note: 'paid at the counter' });
    const critical = resolved.reimbursement!.claims[1]!;
    expect(critical).toMatchObject({ status: 'PAID', amountFen: 1_000_000, decidedBy: 'admin', reference: 'OFFLINE-42' });

    expect(await handle.result()).toMatchObject({ stage: 'SETTLED' });
    const view = await handle.query(getCaseQuery);
    const policy = parsePolicy(JSON.parse(fs.readFileSync(DEFAULT_POLICY_FILE, 'utf8')), ['TERTIARY_A']);
    const expected = settle(policy, { bill: dischargeOk.bill, insured: true, assistanceCategory: 'DIBAO', disabilityCertificate: 'x', hospitalLevel: 'TERTIARY_A' }, {
      CRITICAL_ILLNESS_INSURANCE: { status: 'PAID', amountFen: 1_000_000 },
    });
    expect(view.reimbursement!.claims.map((c) => c.amountFen)).toEqual(expected.map((c) => c.amountFen));
    expect(view.reimbursement!.paidFen).toBe(12_000_000);

    const types = (await listCaseEvents(h.db, caseId)).map((e) => e.type);
    expect(types.filter((t) => t === 'ClaimResolvedManually')).toHaveLength(1);
    expect(types.filter((t) => t === 'ResolutionProposed' || t === 'ResolutionApproved')).toHaveLength(2);
    // The payer's books: the key voided, so the payer can never pay it after the resolution.
    const books = await h.db.selectFrom('sandbox_claims').select(['status', 'reference']).where('idempotency_key', '=', `${caseId}:CRITICAL_ILLNESS_INSURANCE`).execute();
    expect(books).toEqual([{ status: 'VOIDED', reference: 'OFFLINE-42' }]);
    expect(types.filter((t) => t === 'ClaimDecided')).toHaveLength(4);
    expect(await h.db.selectFrom('activity_failures').selectAll().where('case_id', '=', caseId).execute()).toEqual([]);
  } finally {
    h.setPayer('CRITICAL_ILLNESS_INSURANCE', { mode: 'up' });
  }
});

test('payers failing half their calls still settle every case with exact amounts, each payer deciding once', async () => {
  for (const payer of PAYERS) h.setPayer(payer, { mode: 'flaky', failureRate: 0.5 });
  try {
    const handles = await Promise.all(Array.from({ length: 4 }, () => h.startCase()));
    await Promise.all(handles.map((handle) => toReimbursing(handle)));
    for (const handle of handles) {
      expect(await handle.result()).toMatchObject({ stage: 'SETTLED' });
      const view = await handle.query(getCaseQuery);
      expect(view.reimbursement!.claims.map((c) => c.amountFen)).toEqual([5_759_000, 2_118_250, 785_925, 1_600_000, 1_736_825]);
      const sandbox = await h.db.selectFrom('sandbox_claims').select(['payer', 'amount_fen']).where('case_id', '=', view.caseId).execute();
      expect(sandbox).toHaveLength(5);
      const ledger = await h.db.selectFrom('claims').select(['payer', 'amount_fen']).where('case_id', '=', view.caseId).execute();
      expect(new Map(ledger.map((r) => [r.payer, r.amount_fen]))).toEqual(new Map(sandbox.map((r) => [r.payer, r.amount_fen])));
    }
  } finally {
    for (const payer of PAYERS) h.setPayer(payer, { mode: 'up', failureRate: 0 });
  }
}, 120_000);

test('the charity can only be resolved with exactly what is still owed', async () => {
  h.setPayer('PROVINCIAL_CHARITY', { mode: 'down' });
  try {
    const handle = await h.startCase();
    await handle.executeUpdate(caseOpenedUpdate);
    await toReimbursing(handle);
    await waitFor(async () => ((await handle.query(getCaseQuery)).reimbursement?.claims[4]?.status === 'IN_PROGRESS' ? true : undefined));
    const propose = (input: ClaimProposalInput) => handle.executeUpdate(proposeResolutionUpdate, { args: [{ payer: 'PROVINCIAL_CHARITY', input, actor: admin }] }).catch((e: unknown) => e);
    const rejected = await propose({ status: 'REJECTED', reason: 'no funds', reference: 'R', overridePolicy: false });
    expect(((rejected as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('Unprocessable');
    const partial = await propose({ status: 'PAID', amountFen: 1, reference: 'R', overridePolicy: false });
    expect(((partial as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('Unprocessable');
    await resolveByHand(handle, 'PROVINCIAL_CHARITY', { status: 'PAID', amountFen: 1_736_825, reference: 'PCF-OFFLINE' });
    expect(await handle.result()).toMatchObject({ stage: 'SETTLED' });
  } finally {
    h.setPayer('PROVINCIAL_CHARITY', { mode: 'up' });
  }
});
