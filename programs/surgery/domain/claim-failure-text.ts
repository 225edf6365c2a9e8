/**
 * How a failed payer call is described in the failure record, and read back for the case's view:
 * the record names the payer (the stuck report lists failures of every payer together), while the
 * claim shown under its payer carries the error alone.
 */
import type { Payer } from './stages';

export function payerFailureText(payer: Payer, error: string): string {
  return `${payer}: ${error}`;
}

/** The error of a payer's failure record, without the payer's name that `payerFailureText` put before it. */
export function payerErrorOf(payer: Payer, recorded: string): string {
  const prefix = payerFailureText(payer, '');
  return recorded.startsWith(prefix) ? recorded.slice(prefix.length) : recorded;
}
