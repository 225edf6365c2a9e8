/**
 * What is stored and what Temporal records outlive any version of the code: the `cases.state`
 * document and the workflow's answers keep their members whatever the API's view calls its own.
 * A full case (settled, one claim resolved by hand by two administrators) is run on the dev
 * server; the members of its stored row and of an Update's answer are compared with lists written
 * out here. A change to either list is a change to data already stored or recorded: it needs a
 * migration, or a patch of the workflow, not just a new expected list.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { assistanceCase } from '../../../programs/workflows';
import { approveProposalUpdate, getCaseQuery, proposeResolutionUpdate } from '../../../programs/surgery/workflow/definitions';
import { fromStoredCase, toStoredCase, type StoredCase } from '../../../programs/surgery/store/stored-case';
import { ACTORS } from '../../fixtures/cases';
import { eventually } from '../../support/eventually';
import { createCaseHarness, toReimbursing, type CaseHarness } from '../../workflow/case-harness';

/** Template figures of a policy explanation: their members vary by template, so they are not pinned. */
const OPAQUE = new Set(['explanationData']);

/** Every member's path, arrays as `[]` (the union over their items); null and empty values end a path. */
function memberPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) {
    const inner = [...new Set(value.flatMap((item) => memberPaths(item, `${prefix}[]`)))];
    return inner.length > 0 ? inner : [`${prefix}[]`];
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, member]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      return OPAQUE.has(key) ? [path] : memberPaths(member, path);
    });
  }
  return [prefix];
}

const sorted = (paths: string[]) => [...new Set(paths)].sort();

const CLAIM = ['amountFen', 'attempts', 'decidedBy', 'explanation', 'explanationData', 'lastError', 'payer', 'reason', 'reference', 'status'];
const PROPOSAL = [
  'amountFen',
  'decidedAt',
  'decidedBy',
  'decisionNote',
  'note',
  'overridePolicy',
  'owedFen',
  'payer',
  'policyAmountFen',
  'proposalId',
  'proposedAt',
  'proposedBy',
  'reason',
  'reference',
  'state',
  'status',
];

/** The case as the workflow answers it, written out by hand. */
const PAYLOAD_PATHS = sorted([
  'caseId',
  'stage',
  'overdue',
  'openedAt',
  'stageEnteredAt',
  'updatedAt',
  'applicant.name',
  'applicant.idNumber',
  'applicant.phone',
  'applicant.town',
  'applicant.village',
  'applicant.guardian',
  'diagnosis',
  'hospitalId',
  'insured',
  'assistanceCategory',
  'disabilityCertificate',
  'screening.eligible',
  'screening.consent',
  'screening.reason',
  'screening.screenedBy',
  'screening.screenedAt',
  'admission.admittedAt',
  'admission.admissionNo',
  'admission.depositFen',
  'surgery.completedAt',
  'surgery.procedure',
  'surgery.outcome',
  'discharge.dischargedAt',
  'discharge.rehabSessions',
  'discharge.bill.totalFen',
  'discharge.bill.policyScopeFen',
  'withdrawal',
  'reimbursement.policyVersion',
  ...CLAIM.map((member) => `reimbursement.claims[].${member}`),
  'reimbursement.paidFen',
  'reimbursement.outOfPocketFen',
  ...PROPOSAL.map((member) => `reimbursement.proposals[].${member}`),
  'reimbursement.discrepancies[]',
]);

/** The stored document: the same members and the fold's bookkeeping. */
const STORED_PATHS = sorted([...PAYLOAD_PATHS, 'seq', 'hospitalLevel', 'applied.screening', 'applied.admission', 'applied.surgery', 'applied.discharge']);

describe('a full case', () => {
  let h: CaseHarness;
  let handle: WorkflowHandle<typeof assistanceCase>;
  let caseId: string;
  let approved: unknown;

  beforeAll(async () => {
    h = await createCaseHarness();
    const payer = 'MEDICAL_ASSISTANCE';
    h.setPayer(payer, { mode: 'down' });
    handle = await h.startCase();
    ({ caseId } = await toReimbursing(handle));
    await eventually(`the cascade waiting on ${payer}`, async () =>
      (await handle.query(getCaseQuery)).reimbursement?.claims.find((claim) => claim.payer === payer)?.status === 'IN_PROGRESS' ? true : undefined,
    );
    const proposed = await handle.executeUpdate(proposeResolutionUpdate, {
      args: [{ payer, input: { status: 'PAID', amountFen: 100_000, reference: 'MA-OFFLINE-1', overridePolicy: false }, actor: ACTORS.admin }],
    });
    const { proposalId } = proposed.reimbursement!.proposals![0]!;
    approved = await handle.executeUpdate(approveProposalUpdate, { args: [{ payer, proposalId, input: {}, actor: ACTORS.approver }] });
    await handle.result();
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  test("an Update's answer has the payload's members, and only those", () => {
    expect(sorted(memberPaths(approved))).toEqual(PAYLOAD_PATHS);
  });

  test("the query's answer has the same members", async () => {
    expect(sorted(memberPaths(await handle.query(getCaseQuery)))).toEqual(PAYLOAD_PATHS);
  });

  test('the stored document has its members, and reads back to the same document', async () => {
    const row = await h.db.selectFrom('cases').select(['state', 'stage']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(row.stage).toBe('SETTLED');
    expect(sorted(memberPaths(row.state))).toEqual(STORED_PATHS);
    // The applicant's ID number is sealed, differently each time: compared opened.
    const stored = row.state as StoredCase;
    expect(stored.applicant.idNumber).toMatch(/^s1\./);
    expect(fromStoredCase(toStoredCase(fromStoredCase(stored)))).toEqual(fromStoredCase(stored));
  });
});
