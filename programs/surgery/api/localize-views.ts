/**
 * Texts rendered when read: a claim's explanation from its data, in the language of the answer.
 * Views and events keep `explanationData` as recorded; only `explanation` changes. Claims recorded
 * before explanations were data have none, and show the English sentence they stored.
 */
import { localizeIssues } from '../../../domain/i18n/field-messages';
import type { Lang } from '../../../domain/i18n/lang';
import { claimExplanation } from '../domain/policy/explanation.render';
import type { CaseView } from '../domain/schemas';
import type { ImportResult } from './route-schemas';
import type { EventView } from './case-views';

export function localizeCase(view: CaseView, lang: Lang): CaseView {
  if (!view.reimbursement) return view;
  const claims = view.reimbursement.claims.map((claim) => ({ ...claim, explanation: claimExplanation(claim, lang) }));
  return { ...view, reimbursement: { ...view.reimbursement, claims } };
}

export function localizeEvent(event: EventView, lang: Lang): EventView {
  if (event.type !== 'ClaimDecided' && event.type !== 'ClaimResolvedManually') return event;
  const data = event.data as { explanation?: unknown; explanationData?: unknown };
  if (typeof data.explanation !== 'string') return event;
  return { ...event, data: { ...event.data, explanation: claimExplanation({ explanation: data.explanation, explanationData: data.explanationData }, lang) } };
}

/** The roster import's row errors in the language of the answer (paths unchanged). */
export function localizeImportResult(result: ImportResult, lang: Lang): ImportResult {
  return { ...result, failed: result.failed.map((row) => ({ ...row, errors: localizeIssues(row.errors, lang) })) };
}
