/**
 * The read models (`cases`, the `claims` ledger, the registration's open flag) are a fold of `case_events` through the domain reducer — the same `evolve` the
 * workflow uses — so they can always be rebuilt from the events alone.
 */
import type { Kysely, Transaction } from 'kysely';
import { evolve, type CaseState } from '../domain/case-state';
import type { CaseEvent } from '../domain/events';
import { isTerminal, type Payer } from '../domain/stages';
import type { Database } from '../../../store/schema';
import { listCaseEvents } from './case-events';
import { toStoredCase } from './stored-case';
import { storedCaseState } from './cases';
import { claimIdempotencyKey } from '../domain/ids';

type Executor = Kysely<Database> | Transaction<Database>;


/** Folds `events` (consecutive, following what is projected) into the read models of one case. */
export async function projectCaseEvents(trx: Executor, caseId: string, events: readonly CaseEvent[]): Promise<CaseState | undefined> {
  if (events.length === 0) return undefined;
  const current = await trx.selectFrom('cases').select(['state', 'last_seq']).where('case_id', '=', caseId).forUpdate().executeTakeFirst();
  const projectedSeq = current?.last_seq ?? 0;
  let unseen = events.filter((event) => event.seq > projectedSeq);
  if (unseen.length === 0) return current ? storedCaseState(current.state) : undefined;
  if (unseen[0]!.seq !== projectedSeq + 1) {
    // The read model is behind the events given (a rebuild is running, or it was cleared): catch up from the store.
    unseen = (await listCaseEvents(trx, caseId)).filter((event) => event.seq > projectedSeq);
  }
  const state = unseen.reduce<CaseState | undefined>(evolve, current ? storedCaseState(current.state) : undefined)!;

  await upsertCaseRow(trx, state);
  await upsertClaims(trx, state, unseen);
  await upsertProposals(trx, state, unseen);
  await insertDiscrepancies(trx, caseId, unseen);
  if (unseen.some((event) => event.type === 'ClaimDecided' || event.type === 'ClaimResolvedManually')) {
    // A decided claim is no longer retrying, whoever decided it.
    await trx.deleteFrom('activity_failures').where('case_id', '=', caseId).execute();
  }
  if (isTerminal(state.stage)) {
    await trx.updateTable('case_registrations').set({ open: false }).where('case_id', '=', caseId).where('open', '=', true).execute();
  }
  return state;
}

async function upsertCaseRow(trx: Executor, state: CaseState): Promise<void> {
  const row = {
    stage: state.stage,
    town: state.applicant.town,
    hospital_id: state.hospitalId,
    overdue: state.overdue,
    opened_at: state.openedAt,
    stage_entered_at: state.stageEnteredAt,
    updated_at: state.updatedAt,
    last_seq: state.seq,
    screened: state.screening !== null,
    eligible: state.screening?.eligible === true,
    surgery_completed: state.surgery !== null,
    total_billed_fen: state.discharge?.bill.totalFen ?? null,
    state: JSON.stringify(toStoredCase(state)),
  };
  await trx
    .insertInto('cases')
    .values({ case_id: state.caseId, ...row })
    .onConflict((oc) => oc.column('case_id').doUpdateSet(row))
    .execute();
}

async function upsertClaims(trx: Executor, state: CaseState, events: readonly CaseEvent[]): Promise<void> {
  const touched = new Set<Payer>();
  const decidedAt = new Map<Payer, string>();
  for (const event of events) {
    if (event.type === 'ClaimSubmitted' || event.type === 'ClaimDecided' || event.type === 'ClaimResolvedManually') touched.add(event.data.payer);
    if (event.type === 'ClaimDecided' || event.type === 'ClaimResolvedManually') decidedAt.set(event.data.payer, event.occurredAt);
  }
  const claims = (state.reimbursement?.claims ?? []).filter((claim) => touched.has(claim.payer));
  if (claims.length === 0) return;
  const rows = claims.map((claim) => ({
    idempotency_key: claimIdempotencyKey(state.caseId, claim.payer),
    case_id: state.caseId,
    payer: claim.payer,
    status: claim.status,
    amount_fen: claim.amountFen,
    reason: claim.reason,
    reference: claim.reference,
    decided_by: claim.decidedBy,
    explanation: claim.explanation,
    decided_at: decidedAt.get(claim.payer) ?? null,
  }));
  await trx
    .insertInto('claims')
    .values(rows)
    .onConflict((oc) =>
      oc.column('idempotency_key').doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        amount_fen: eb.ref('excluded.amount_fen'),
        reason: eb.ref('excluded.reason'),
        reference: eb.ref('excluded.reference'),
        decided_by: eb.ref('excluded.decided_by'),
        explanation: eb.ref('excluded.explanation'),
        decided_at: eb.ref('excluded.decided_at'),
      })),
    )
    .execute();
}

/** Events that change a proposal's row: its own, and a payer decision that supersedes it. */
const PROPOSAL_EVENTS: ReadonlySet<CaseEvent['type']> = new Set(['ResolutionProposed', 'ResolutionApproved', 'ResolutionRejected', 'ResolutionVoidFailed', 'ClaimDecided', 'ClaimResolvedManually']);

async function upsertProposals(trx: Executor, state: CaseState, events: readonly CaseEvent[]): Promise<void> {
  const proposals = state.reimbursement?.proposals ?? [];
  if (proposals.length === 0 || !events.some((event) => PROPOSAL_EVENTS.has(event.type))) return;
  const rows = proposals.map((proposal) => ({
    case_id: state.caseId,
    proposal_id: proposal.proposalId,
    payer: proposal.payer,
    state: proposal.state,
    status: proposal.status,
    amount_fen: proposal.amountFen,
    policy_amount_fen: proposal.policyAmountFen,
    override_policy: proposal.overridePolicy,
    reference: proposal.reference,
    proposed_by: proposal.proposedBy,
    proposed_at: proposal.proposedAt,
    decided_by: proposal.decidedBy,
    decided_at: proposal.decidedAt,
  }));
  await trx
    .insertInto('claim_proposals')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['case_id', 'proposal_id']).doUpdateSet((eb) => ({
        state: eb.ref('excluded.state'),
        decided_by: eb.ref('excluded.decided_by'),
        decided_at: eb.ref('excluded.decided_at'),
      })),
    )
    .execute();
}

async function insertDiscrepancies(trx: Executor, caseId: string, events: readonly CaseEvent[]): Promise<void> {
  const rows = events.flatMap((event) =>
    event.type === 'PaymentDiscrepancyFound'
      ? [
          {
            case_id: caseId,
            seq: event.seq,
            payer: event.data.payer,
            idempotency_key: event.data.idempotencyKey,
            ledger_status: event.data.ledgerStatus,
            ledger_amount_fen: event.data.ledgerAmountFen,
            payer_status: event.data.payerStatus,
            payer_amount_fen: event.data.payerAmountFen,
            payer_reference: event.data.payerReference,
            found_at: event.occurredAt,
          },
        ]
      : [],
  );
  if (rows.length === 0) return;
  await trx.insertInto('payment_discrepancies').values(rows).onConflict((oc) => oc.columns(['case_id', 'seq']).doNothing()).execute();
}

