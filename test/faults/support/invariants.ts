/**
 * What every fault scenario must leave behind, checked from PostgreSQL alone:
 *  - each case in the expected terminal stage;
 *  - `case_events` numbered 1..n with no gap, and no transition or claim decision recorded twice;
 *  - the read models (`cases`, the `claims` ledger) equal a rebuild from `case_events`;
 *  - each payer decided exactly once, the ledger agreeing with what the sandbox payer recorded
 *    (a claim settled by hand voided in the payer's books) or the case holding a discrepancy for
 *    that key, the amounts those worked out by hand (expected-amounts.ts), not by the policy engine
 *    under test — a claim settled by hand never above what the policy would have paid unless its
 *    approved proposal set the policy aside — their sum the bill to the fen, out-of-pocket 0.
 */
import type { Kysely } from 'kysely';
import { rebuildReadModels } from '../../../programs/surgery/store/event-store';
import { listCaseEvents } from '../../../programs/surgery/store/case-events';
import { storedCaseState } from '../../../programs/surgery/store/cases';
import type { Database } from '../../../store/schema';
import type { CaseState } from '../../../programs/surgery/domain/case-state';
import type { CaseEvent } from '../../../programs/surgery/domain/events';
import { PAYERS, type Stage } from '../../../programs/surgery/domain/stages';
import type { FaultCase } from './cases';
import { expectedAmounts } from './expected-amounts';

/** Events a case may hold at most once. */
const ONCE: ReadonlySet<CaseEvent['type']> = new Set(['CaseOpened', 'ScreeningRecorded', 'Admitted', 'SurgeryCompleted', 'Discharged', 'CaseWithdrawn', 'ReimbursementStarted', 'CaseSettled']);

export interface InvariantOptions {
  expectedStage?: Stage;
  /** Payers resolved by an administrator (no sandbox claim, amounts not the engine's). */
  manuallyResolved?: boolean;
}

export interface InvariantReport {
  /** Problems found, one line each; empty when everything holds. */
  problems: string[];
  /** Differences from the rebuild in KNOWN_REBUILD_DIFFERENCES columns (not counted as problems). */
  tolerated: RebuildDifference[];
}

export async function checkInvariants(db: Kysely<Database>, cases: readonly FaultCase[], options: InvariantOptions = {}): Promise<InvariantReport> {
  const expectedStage = options.expectedStage ?? 'SETTLED';
  const problems: string[] = [];
  const caseIds = cases.map((c) => c.caseId);

  for (const { caseId, bill } of cases) {
    const say = (problem: string) => problems.push(`${caseId}: ${problem}`);
    const events = await listCaseEvents(db, caseId);
    events.forEach((event, index) => {
      if (event.seq !== index + 1) say(`event #${index + 1} has seq ${event.seq} (gap or double)`);
    });
    const count = (type: CaseEvent['type'], payer?: string) =>
      events.filter((e) => e.type === type && (payer === undefined || (e.data as { payer?: string }).payer === payer)).length;
    for (const type of ONCE) if (count(type) > 1) say(`${type} recorded ${count(type)} times`);

    const row = await db.selectFrom('cases').selectAll().where('case_id', '=', caseId).executeTakeFirst();
    if (!row) {
      say('not projected');
      continue;
    }
    if (row.stage !== expectedStage) say(`stage ${row.stage}, expected ${expectedStage}`);
    if (row.last_seq !== events.length) say(`projected up to seq ${row.last_seq} of ${events.length}`);
    if (expectedStage !== 'SETTLED') continue;

    for (const payer of PAYERS) {
      if (count('ClaimSubmitted', payer) !== 1) say(`${payer}: ${count('ClaimSubmitted', payer)} ClaimSubmitted`);
      const decisions = count('ClaimDecided', payer) + count('ClaimResolvedManually', payer);
      if (decisions !== 1) say(`${payer}: decided ${decisions} times`);
    }

    const ledger = await db.selectFrom('claims').selectAll().where('case_id', '=', caseId).execute();
    const sandbox = await db.selectFrom('sandbox_claims').selectAll().where('case_id', '=', caseId).execute();
    if (ledger.length !== PAYERS.length) say(`${ledger.length} ledger rows`);
    const flagged = new Set((await db.selectFrom('payment_discrepancies').select('idempotency_key').where('case_id', '=', caseId).execute()).map((r) => r.idempotency_key));
    let paid = 0;
    for (const claim of ledger) {
      if (claim.status !== 'PAID' && claim.status !== 'REJECTED') say(`${claim.payer}: ledger status ${claim.status}`);
      if (claim.amount_fen < 0) say(`${claim.payer}: negative amount ${claim.amount_fen}`);
      if (claim.status === 'PAID') paid += claim.amount_fen;
      const payerSide = sandbox.filter((s) => s.payer === claim.payer);
      if (claim.decided_by === 'payer') {
        if (payerSide.length !== 1) say(`${claim.payer}: ${payerSide.length} sandbox claims`);
        else if ((payerSide[0]!.status !== claim.status || payerSide[0]!.amount_fen !== claim.amount_fen) && !flagged.has(claim.idempotency_key)) {
          say(`${claim.payer}: ledger ${claim.status} ${claim.amount_fen} but the payer recorded ${payerSide[0]!.status} ${payerSide[0]!.amount_fen}, and no discrepancy is on record`);
        }
      } else {
        const notVoided = payerSide.filter((s) => s.status !== 'VOIDED');
        if (notVoided.length > 0 && !flagged.has(claim.idempotency_key)) {
          say(`${claim.payer}: settled by hand at ${claim.amount_fen} but the payer's books say ${notVoided[0]!.status} ${notVoided[0]!.amount_fen}, and no discrepancy is on record`);
        }
        const resolved = events.find((e) => e.type === 'ClaimResolvedManually' && e.data.payer === claim.payer);
        const proposalId = resolved?.type === 'ClaimResolvedManually' ? resolved.data.proposalId : undefined;
        const proposed = events.find((e) => e.type === 'ResolutionProposed' && e.data.proposalId === proposalId);
        if (proposed?.type === 'ResolutionProposed' && claim.amount_fen > proposed.data.policyAmountFen && !proposed.data.proposal.overridePolicy) {
          say(`${claim.payer}: settled by hand at ${claim.amount_fen}, above the policy's ${proposed.data.policyAmountFen}, without an approved override`);
        }
      }
    }
    if (paid !== bill.totalFen) say(`paid ${paid} fen of a ${bill.totalFen} fen bill`);
    const state = row.state as CaseState;
    if (state.reimbursement?.outOfPocketFen !== 0) say(`out-of-pocket ${state.reimbursement?.outOfPocketFen}`);
    if (state.reimbursement?.paidFen !== bill.totalFen) say(`state paidFen ${state.reimbursement?.paidFen}`);

    if (!options.manuallyResolved) {
      const expected = expectedAmounts(bill);
      if (!expected) say(`no expected amounts are written for the bill ${bill.totalFen}/${bill.policyScopeFen} (expected-amounts.ts)`);
      for (const [payer, amountFen] of expected ?? []) {
        const stored = ledger.find((c) => c.payer === payer);
        if (stored && stored.amount_fen !== amountFen) say(`${payer}: paid ${stored.amount_fen}, the rules say ${amountFen}`);
      }
    }
  }

  const tolerated: RebuildDifference[] = [];
  for (const difference of await readModelsVersusRebuild(db, caseIds)) {
    if (KNOWN_REBUILD_DIFFERENCES.includes(difference.column)) tolerated.push(difference);
    else problems.push(`${difference.row}: ${difference.column} is ${JSON.stringify(difference.projected)}, a rebuild makes it ${JSON.stringify(difference.rebuilt)}`);
  }
  return { problems, tolerated };
}

/** One column of one read-model row that is not what a rebuild from `case_events` makes of it. */
export interface RebuildDifference {
  row: string;
  column: string;
  projected: unknown;
  rebuilt: unknown;
}

/** Columns allowed to differ from a rebuild (none: the read models are a pure fold of the events). */
export const KNOWN_REBUILD_DIFFERENCES: readonly string[] = [];

/** Snapshots the read models of `caseIds`, rebuilds them from `case_events`, and lists every difference. */
export async function readModelsVersusRebuild(db: Kysely<Database>, caseIds: readonly string[]): Promise<RebuildDifference[]> {
  const before = await readModelSnapshot(db, caseIds);
  await rebuildReadModels(db, { caseIds });
  const after = await readModelSnapshot(db, caseIds);
  const differences: RebuildDifference[] = [];
  for (const row of new Set([...before.keys(), ...after.keys()])) {
    const projected = before.get(row);
    const rebuilt = after.get(row);
    if (!projected || !rebuilt) {
      differences.push({ row, column: '*', projected: projected ? 'present' : 'missing', rebuilt: rebuilt ? 'present' : 'missing' });
      continue;
    }
    for (const column of new Set([...Object.keys(projected), ...Object.keys(rebuilt)])) {
      const a = JSON.stringify(projected[column]);
      const b = JSON.stringify(rebuilt[column]);
      if (a !== b) differences.push({ row, column: `${row.split('/')[0]}.${column}`, projected: projected[column], rebuilt: rebuilt[column] });
    }
  }
  return differences;
}

async function readModelSnapshot(db: Kysely<Database>, caseIds: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
  const ids = caseIds.length > 0 ? [...caseIds] : [''];
  const cases = await db.selectFrom('cases').selectAll().where('case_id', 'in', ids).execute();
  const claims = await db.selectFrom('claims').selectAll().where('case_id', 'in', ids).execute();
  const snapshot = new Map<string, Record<string, unknown>>();
  // Opened: the applicant's ID number is sealed, and sealed differently each time.
  for (const row of cases) snapshot.set(`cases/${row.case_id}`, { ...row, state: storedCaseState(row.state) });
  for (const row of claims) snapshot.set(`claims/${row.idempotency_key}`, { ...row });
  return snapshot;
}
