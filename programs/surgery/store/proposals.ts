/** Resolutions by hand waiting for a second administrator, over every case (a partial index keeps it small). */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Payer } from '../domain/stages';
import type { Database } from '../../../store/schema';
import type { waitingProposalSchema } from '../api/route-schemas';

/** One item of GET /v1/admin/proposals: the route's schema is the one definition of its shape. */
export type WaitingProposal = z.infer<typeof waitingProposalSchema>;

export async function listWaitingProposals(db: Kysely<Database>, limit: number): Promise<WaitingProposal[]> {
  const rows = await db.selectFrom('claim_proposals').selectAll().where('state', '=', 'PROPOSED').orderBy('proposed_at').orderBy('case_id').limit(limit).execute();
  return rows.map((row) => ({
    caseId: row.case_id,
    proposalId: row.proposal_id,
    payer: row.payer as Payer,
    status: row.status as WaitingProposal['status'],
    amountFen: row.amount_fen,
    policyAmountFen: row.policy_amount_fen,
    overridePolicy: row.override_policy,
    reference: row.reference,
    proposedBy: row.proposed_by,
    proposedAt: row.proposed_at.toISOString(),
  }));
}
