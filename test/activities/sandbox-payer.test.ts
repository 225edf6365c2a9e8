import fs from 'node:fs';
import { PayerUnavailableError, SandboxPayers } from '../../programs/surgery/activities/payers/sandbox-payer';
import { ClaimVoidedError, type ClaimRequest } from '../../programs/surgery/activities/payers/payer-adapter';
import { getSandboxPayerSettings, PAYER_UP, putSandboxPayerSetting } from '../../programs/surgery/store/sandbox-payers';
import { parsePolicy } from '../../programs/surgery/domain/policy/index';
import type { SandboxPayerSetting } from '../../programs/surgery/domain/schemas';
import { PAYERS, type Payer } from '../../programs/surgery/domain/stages';
import { testDb, uniqueId } from '../support/stack';
import { DEFAULT_POLICY_FILE } from '../workflow/case-harness';

const db = testDb();
const policy = parsePolicy(JSON.parse(fs.readFileSync(DEFAULT_POLICY_FILE, 'utf8')), ['TERTIARY_A']);

function request(payer: Payer, caseId = uniqueId('sbx')): ClaimRequest {
  return {
    caseId,
    payer,
    idempotencyKey: `${caseId}:${payer}`,
    context: { bill: { totalFen: 12_000_000, policyScopeFen: 9_000_000 }, insured: true, assistanceCategory: 'DIBAO', disabilityCertificate: 'c', hospitalLevel: 'TERTIARY_A' },
    paidSoFar: {},
    policy,
  };
}

function modes(overrides: Partial<Record<Payer, SandboxPayerSetting>> = {}): Record<Payer, SandboxPayerSetting> {
  return { ...(Object.fromEntries(PAYERS.map((p) => [p, PAYER_UP])) as Record<Payer, SandboxPayerSetting>), ...overrides };
}

test('a resubmitted claim gets the first decision back, even from concurrent calls', async () => {
  const payers = new SandboxPayers(db, { settings: async () => modes() });
  const claim = request('BASIC_MEDICAL_INSURANCE');
  const decisions = await Promise.all([payers.submitClaim(claim), payers.submitClaim(claim), payers.submitClaim(claim)]);
  expect(decisions[0]).toMatchObject({ status: 'PAID', amountFen: 5_759_000, reference: `BMI-${claim.caseId}` });
  expect(decisions[1]).toEqual(decisions[0]);
  expect(decisions[2]).toEqual(decisions[0]);
  // Even if the inputs changed, the key decides: a payer never pays a claim twice.
  expect(await payers.submitClaim({ ...claim, paidSoFar: { BASIC_MEDICAL_INSURANCE: 1 } })).toEqual(decisions[0]);
  const rows = await db.selectFrom('sandbox_claims').selectAll().where('idempotency_key', '=', claim.idempotencyKey).execute();
  expect(rows).toHaveLength(1);
});

test('down fails every call with a retryable error; flaky fails at its rate; latency delays', async () => {
  let setting: SandboxPayerSetting = { mode: 'down', failureRate: 0, latencyMs: 0 };
  let draws = [0.1, 0.9];
  const payers = new SandboxPayers(db, { settings: async () => modes({ MEDICAL_ASSISTANCE: setting }), random: () => draws.shift() ?? 0.9 });
  await expect(payers.submitClaim(request('MEDICAL_ASSISTANCE'))).rejects.toBeInstanceOf(PayerUnavailableError);

  setting = { mode: 'flaky', failureRate: 0.5, latencyMs: 0 };
  await new Promise((resolve) => setTimeout(resolve, 1_100)); // past the settings cache
  await expect(payers.submitClaim(request('MEDICAL_ASSISTANCE'))).rejects.toThrow(/flaky/);
  await expect(payers.submitClaim(request('MEDICAL_ASSISTANCE'))).resolves.toMatchObject({ status: 'PAID' });

  setting = { mode: 'up', failureRate: 0, latencyMs: 300 };
  draws = [];
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  const started = Date.now();
  await payers.submitClaim(request('MEDICAL_ASSISTANCE'));
  expect(Date.now() - started).toBeGreaterThanOrEqual(290);
});

test('settings are re-read within 2 s, so every worker honours a change', async () => {
  let reads = 0;
  const payers = new SandboxPayers(db, { settings: async () => (reads++, modes()) });
  for (let i = 0; i < 5; i++) await payers.submitClaim(request('PROVINCIAL_CHARITY'));
  expect(reads).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  await payers.submitClaim(request('PROVINCIAL_CHARITY'));
  expect(reads).toBe(2);
});

test('settings stored in PostgreSQL read back per payer, defaulting to up', async () => {
  const before = await getSandboxPayerSettings(db);
  expect(Object.keys(before).sort()).toEqual([...PAYERS].sort());
  // Written and restored inside one statement pair; other files only ever see it briefly.
  const original = before.DISABILITY_ASSISTANCE;
  await putSandboxPayerSetting(db, 'DISABILITY_ASSISTANCE', { mode: 'flaky', failureRate: 0.25, latencyMs: 5 });
  const after = await getSandboxPayerSettings(db);
  await putSandboxPayerSetting(db, 'DISABILITY_ASSISTANCE', original);
  expect(after.DISABILITY_ASSISTANCE).toEqual({ mode: 'flaky', failureRate: 0.25, latencyMs: 5 });
});

test('a void and a payment race for one key: exactly one wins, and a voided key is never paid', async () => {
  const payers = new SandboxPayers(db, { settings: async () => modes() });
  for (let round = 0; round < 10; round++) {
    const claim = request('CRITICAL_ILLNESS_INSURANCE');
    const voidRequest = { caseId: claim.caseId, payer: claim.payer, idempotencyKey: claim.idempotencyKey, reference: 'BY-HAND' };
    const [paid, voided] = await Promise.allSettled([payers.submitClaim(claim), payers.voidClaim(voidRequest)]);
    const [row] = await db.selectFrom('sandbox_claims').selectAll().where('idempotency_key', '=', claim.idempotencyKey).execute();
    expect(voided).toMatchObject({ status: 'fulfilled', value: { status: row!.status } });
    if (row!.status === 'VOIDED') {
      expect(paid).toMatchObject({ status: 'rejected', reason: expect.any(ClaimVoidedError) });
      await expect(payers.submitClaim(claim)).rejects.toBeInstanceOf(ClaimVoidedError);
    } else {
      expect(paid).toMatchObject({ status: 'fulfilled', value: { status: 'PAID', amountFen: row!.amount_fen } });
      expect(await payers.voidClaim(voidRequest)).toMatchObject({ status: 'PAID', amountFen: row!.amount_fen });
    }
    expect(await payers.claimRecord(claim.payer, claim.idempotencyKey)).toMatchObject({ status: row!.status, amountFen: row!.amount_fen });
  }
  expect(await payers.claimRecord('CRITICAL_ILLNESS_INSURANCE', 'no-such-key')).toBeNull();
});

test('a void is taken even while the payer is down for claims', async () => {
  const payers = new SandboxPayers(db, { settings: async () => modes({ MEDICAL_ASSISTANCE: { mode: 'down', failureRate: 0, latencyMs: 0 } }) });
  const claim = request('MEDICAL_ASSISTANCE');
  await expect(payers.submitClaim(claim)).rejects.toBeInstanceOf(PayerUnavailableError);
  expect(await payers.voidClaim({ caseId: claim.caseId, payer: claim.payer, idempotencyKey: claim.idempotencyKey, reference: 'R' })).toMatchObject({ status: 'VOIDED', reference: 'R' });
});
