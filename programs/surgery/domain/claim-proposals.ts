/**
 * Money moved by hand needs two people: one administrator proposes how a claim the cascade waits
 * on is settled, another approves or rejects it. Decided purely from the case's state, like the
 * other actions (`case-commands.ts`); the workflow then settles the approved proposal against the
 * payer's own books before anything is recorded as paid.
 */
import { canonicalJson } from '../../../domain/canonical-json';
import type { Decision } from './case-commands';
import type { Refusal } from './refusals';
import { owedBefore } from './case-commands';
import type { CaseState } from './case-state';
import type { ClaimDecision, NewCaseEvent } from './events';
import { formatAmount, formatYuan } from '../../../domain/money';
import type { ExplanationData } from './policy/explanation';
import { explainInEnglish } from './policy/explanation.en';
import { manualResolutionProblem } from './policy/policy.settlement';
import type { ClaimProposalInput, ClaimProposalView, ProposalApprovalInput, ProposalRejectionInput } from './schemas';
import type { Actor } from '../../../domain/actor';
import type { Payer } from './stages';

/** A proposal's id is the seq of the event that proposed it: unique in its case, the same on every replay. */
export function proposalIdFor(seq: number): string {
  return `P${seq}`;
}

export function findProposal(state: CaseState, proposalId: string): ClaimProposalView | undefined {
  return state.reimbursement?.proposals?.find((proposal) => proposal.proposalId === proposalId);
}

/** The proposal of `payer` still open (waiting for approval, or approved and being settled with the payer). */
export function openProposal(state: CaseState, payer: Payer): ClaimProposalView | undefined {
  return state.reimbursement?.proposals?.find((proposal) => proposal.payer === payer && (proposal.state === 'PROPOSED' || proposal.state === 'APPROVED'));
}

/** The proposal the cascade must act on: approved, for the claim it is waiting on. */
export function approvedProposal(state: CaseState, payer: Payer): ClaimProposalView | undefined {
  const open = openProposal(state, payer);
  return open?.state === 'APPROVED' ? open : undefined;
}

const refuse = (refusal: Refusal): Decision => ({ kind: 'refuse', refusal });

/** "Wang" and " wang" are one person: the four-eyes rule compares names as people write them. */
function samePerson(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
const stageConflict = (state: CaseState, detail: string): Decision => refuse({ kind: 'stage-conflict', currentStage: state.stage, detail });

function sameProposal(proposal: ClaimProposalView, input: ClaimProposalInput): boolean {
  const asInput: ClaimProposalInput = {
    status: proposal.status,
    reference: proposal.reference,
    overridePolicy: proposal.overridePolicy,
    ...(proposal.status === 'PAID' ? { amountFen: proposal.amountFen } : {}),
    ...(proposal.reason !== null ? { reason: proposal.reason } : {}),
    ...(proposal.note !== null ? { note: proposal.note } : {}),
  };
  return canonicalJson(asInput) === canonicalJson(input);
}

/**
 * `policyAmountFen` is what the pinned policy would pay `payer` on what the earlier payers paid:
 * a proposal to pay more is refused unless it sets the policy aside explicitly (with a note).
 * `enforcePolicy: false` records without that check, for a proposal already accepted.
 */
export function decideProposal(
  state: CaseState,
  payer: Payer,
  input: ClaimProposalInput,
  actor: Actor,
  now: string,
  policyAmountFen: number,
  { enforcePolicy }: { enforcePolicy: boolean } = { enforcePolicy: true },
): Decision {
  const claim = state.reimbursement?.claims.find((c) => c.payer === payer);
  const open = openProposal(state, payer);
  // A retried request from the same administrator is the same proposal.
  if (open && samePerson(open.proposedBy, actor.sub) && sameProposal(open, input)) return { kind: 'replay' };
  if (state.stage !== 'REIMBURSING' || claim?.status !== 'IN_PROGRESS') return stageConflict(state, `the cascade is not waiting on ${payer}`);
  if (open) return stageConflict(state, `proposal ${open.proposalId} for ${payer} is already ${open.state === 'PROPOSED' ? 'waiting for approval' : 'approved'}; reject it before proposing another`);

  const owedFen = owedBefore(state, payer);
  const problem = manualResolutionProblem(payer, input, owedFen);
  if (problem) return refuse({ kind: 'unprocessable', detail: problem });
  if (enforcePolicy && input.status === 'PAID' && input.amountFen! > policyAmountFen && !input.overridePolicy) {
    return refuse({
      kind: 'unprocessable',
      detail: `${formatYuan(input.amountFen!)} is more than the ${formatYuan(policyAmountFen)} the policy pays ${payer} here; set overridePolicy with a note to propose it anyway`,
    });
  }
  return {
    kind: 'apply',
    event: { type: 'ResolutionProposed', occurredAt: now, actor, data: { payer, proposalId: proposalIdFor(state.seq + 1), proposal: input, policyAmountFen, owedFen } },
  };
}

/** Approval by a second administrator: never the one who proposed. */
export function decideApproval(state: CaseState, payer: Payer, proposalId: string, input: ProposalApprovalInput, actor: Actor, now: string): Decision {
  const proposal = findProposal(state, proposalId);
  if (proposal?.payer !== payer) return refuse({ kind: 'not-found', detail: `no proposal ${proposalId} for ${payer} on this case` });
  if (samePerson(proposal.proposedBy, actor.sub)) return refuse({ kind: 'four-eyes', detail: `${actor.sub} proposed ${proposalId}; another administrator must approve it` });
  // A retried approval is answered with the case as it is now, whatever the payer's books decided.
  if (proposal.decidedBy === actor.sub && (proposal.state === 'APPROVED' || proposal.state === 'SUPERSEDED')) return { kind: 'replay' };
  if (proposal.state !== 'PROPOSED') return stageConflict(state, `proposal ${proposalId} is ${proposal.state}, not waiting for approval`);
  return { kind: 'apply', event: { type: 'ResolutionApproved', occurredAt: now, actor, data: { payer: proposal.payer, proposalId, note: input.note ?? null } } };
}

/** Any administrator may turn a proposal down, its proposer included (a withdrawal): it moves no money. */
export function decideProposalRejection(state: CaseState, payer: Payer, proposalId: string, input: ProposalRejectionInput, actor: Actor, now: string): Decision {
  const proposal = findProposal(state, proposalId);
  if (proposal?.payer !== payer) return refuse({ kind: 'not-found', detail: `no proposal ${proposalId} for ${payer} on this case` });
  if (proposal.state === 'REJECTED' && proposal.decidedBy === actor.sub && proposal.decisionNote === input.reason) return { kind: 'replay' };
  if (proposal.state !== 'PROPOSED') return stageConflict(state, `proposal ${proposalId} is ${proposal.state}, not waiting for approval`);
  return { kind: 'apply', event: { type: 'ResolutionRejected', occurredAt: now, actor, data: { payer: proposal.payer, proposalId, reason: input.reason } } };
}

/** The event that records an approved proposal once the payer has voided the claim's key. */
export function resolutionRecorded(state: CaseState, proposal: ClaimProposalView, now: string): NewCaseEvent {
  const explanationData: ExplanationData = {
    key: 'manual.proposal',
    status: proposal.status,
    amountFen: proposal.amountFen,
    owedFen: proposal.owedFen,
    reason: proposal.reason,
    reference: proposal.reference,
    proposedBy: proposal.proposedBy,
    approvedBy: proposal.decidedBy!,
    overridePolicy: proposal.overridePolicy,
    policyAmountFen: proposal.policyAmountFen,
    note: proposal.note,
  };
  const decision: ClaimDecision = {
    status: proposal.status,
    amountFen: proposal.amountFen,
    reason: proposal.reason,
    reference: proposal.reference,
    // The English sentence these events have always stored (amounts with ¥), and its data.
    explanation: explainInEnglish(explanationData, formatAmount),
    explanationData,
  };
  return {
    type: 'ClaimResolvedManually',
    occurredAt: now,
    actor: { role: 'admin', sub: proposal.decidedBy! },
    data: {
      payer: proposal.payer,
      input: { status: proposal.status, reference: proposal.reference, ...(proposal.status === 'PAID' ? { amountFen: proposal.amountFen } : { reason: proposal.reason! }) },
      proposalId: proposal.proposalId,
      proposedBy: proposal.proposedBy,
      approvedBy: proposal.decidedBy!,
      overridePolicy: proposal.overridePolicy,
      ...decision,
    },
  };
}
