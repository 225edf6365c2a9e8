/**
 * The bodies of the claim-proposal Updates, which the case workflow validates itself. Apart from
 * the rest of the program's schemas (schemas.ts, which re-exports them) because a workflow builds
 * the schemas of every module it imports once per workflow in its cache: these are all it needs.
 */
import { z } from 'zod';
import { fenSchema as fen, optionalText, text } from '../../../domain/fields';

/**
 * A resolution proposed by one administrator, to be approved by another. The reference (the
 * payment order or the payer's letter) is required; paying more than the policy would have paid
 * that payer needs `overridePolicy` and a note saying why.
 */
export const claimProposalSchema = z
  .strictObject({
    status: z.enum(['PAID', 'REJECTED']),
    amountFen: fen.optional(),
    reason: optionalText(500),
    reference: text(128),
    note: optionalText(500),
    overridePolicy: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    if (value.status === 'PAID' && value.amountFen === undefined) {
      ctx.addIssue({ code: 'custom', path: ['amountFen'], message: 'is required when status is PAID' });
    }
    if (value.status === 'REJECTED' && !value.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required when status is REJECTED' });
    }
    if (value.overridePolicy && !value.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'is required when overridePolicy is true: say why the policy is set aside' });
    }
  });
export type ClaimProposalInput = z.infer<typeof claimProposalSchema>;

export const proposalApprovalSchema = z.strictObject({ note: optionalText(500) });
export type ProposalApprovalInput = z.infer<typeof proposalApprovalSchema>;

export const proposalRejectionSchema = z.strictObject({ reason: text(500) });
export type ProposalRejectionInput = z.infer<typeof proposalRejectionSchema>;
