import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getCaseQuery } from '../../programs/surgery/workflow/definitions';
import { WORKED_EXAMPLE_AMOUNTS } from '../fixtures/cases';
import { eventually } from '../support/eventually';
import { createCaseHarness, DEFAULT_POLICY_FILE, toReimbursing, type CaseHarness } from './case-harness';

const policyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'policy-')), 'policy.json');
fs.copyFileSync(DEFAULT_POLICY_FILE, policyFile);

let h: CaseHarness;
beforeAll(async () => {
  h = await createCaseHarness({ policyFile });
});
afterAll(async () => {
  await h?.close();
  fs.rmSync(path.dirname(policyFile), { recursive: true, force: true });
});

test('the policy is read once when reimbursement starts: changing the file never changes a running case', async () => {
  h.setPayer('BASIC_MEDICAL_INSURANCE', { mode: 'down' });
  const handle = await h.startCase();
  await toReimbursing(handle);
  for (;;) {
    if ((await handle.query(getCaseQuery)).reimbursement?.claims[0]?.status === 'IN_PROGRESS') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  const changed = JSON.parse(fs.readFileSync(DEFAULT_POLICY_FILE, 'utf8'));
  changed.version = 'changed-mid-case';
  changed.basicInsurance.byHospitalLevel.TERTIARY_A.ratioBp = 9000;
  fs.writeFileSync(policyFile, JSON.stringify(changed));
  h.setPayer('BASIC_MEDICAL_INSURANCE', { mode: 'up' });

  await handle.result();
  const view = await handle.query(getCaseQuery);
  expect(view.reimbursement!.policyVersion).toBe('gansu-2025-illustrative');
  expect(Object.fromEntries(view.reimbursement!.claims.map((c) => [c.payer, c.amountFen]))).toEqual(WORKED_EXAMPLE_AMOUNTS);

  // A case discharged after the change uses the new policy.
  const next = await h.startCase();
  await toReimbursing(next);
  await next.result();
  const nextView = await next.query(getCaseQuery);
  expect(nextView.reimbursement!.policyVersion).toBe('changed-mid-case');
  expect(nextView.reimbursement!.claims[0]!.amountFen).toBe(Math.floor(((9_000_000 - 140_000) * 9000) / 10000));
});

test('a policy file that cannot be read holds reimbursement back, with its failures on record for the stuck report, until it is fixed', async () => {
  fs.writeFileSync(policyFile, '{ "version": ');
  const handle = await h.startCase();
  const caseId = handle.workflowId.replace(/^case-/, '');
  await toReimbursing(handle);

  const failure = await eventually('the policy failures recorded', () =>
    h.db.selectFrom('activity_failures').selectAll().where('case_id', '=', caseId).where('activity', '=', 'loadPolicy').where('attempts', '>=', 2).executeTakeFirst(),
  );
  expect(failure.last_failure).toMatch(/^policy: .*not valid JSON/);
  expect((await handle.query(getCaseQuery)).reimbursement).toBeNull();

  fs.copyFileSync(DEFAULT_POLICY_FILE, policyFile);
  expect(await handle.result()).toMatchObject({ stage: 'SETTLED' });
  expect((await handle.query(getCaseQuery)).reimbursement!.policyVersion).toBe('gansu-2025-illustrative');
  expect(await h.db.selectFrom('activity_failures').selectAll().where('case_id', '=', caseId).execute()).toEqual([]);
});
