/**
 * The Update id of a transition, derived from what the request asks for: the case, the action and
 * the validated body (canonical JSON, so key order and defaulted members do not matter). A retried
 * identical request then becomes the same Update, which Temporal deduplicates within the workflow
 * run (it answers with the first one's outcome and writes nothing), so retries cannot grow the
 * case's history. A refused Update leaves no trace, so the same request later is a new attempt.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json';

export function transitionUpdateId(caseId: string, action: string, input: unknown): string {
  const digest = createHash('sha256').update(canonicalJson({ caseId, action, input })).digest('base64url');
  return `${action}-${digest}`;
}
