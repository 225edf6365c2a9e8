/**
 * What of an enrolment is sealed at rest (store/sealed-columns.ts), and the mappings between the
 * stored and the clear forms, for the two tables of this folder: the bank account (its own column,
 * here and in the events), and the fingerprints of the actions applied (`state.applied`, an
 * event's `idempotency`), canonical request bodies that hold the account number of an application
 * or a change of account. Callers of the store functions see clear values only.
 */
import { open, openJson, seal, sealJson } from '../../../store/sealed-columns';
import type { ActionIdempotency, BankAccount, EnrolmentState } from '../domain/index';

export function sealBankAccount(account: BankAccount): string {
  return sealJson('bank-account', account);
}

export function openBankAccount(sealed: string): BankAccount {
  return openJson<BankAccount>('bank-account', sealed);
}

function mapValues(record: Record<string, string>, change: (value: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, change(value)]));
}

export function sealIdempotency(idempotency: ActionIdempotency): ActionIdempotency {
  return { key: idempotency.key, fingerprint: seal('fingerprint', idempotency.fingerprint) };
}

export function openIdempotency(idempotency: ActionIdempotency): ActionIdempotency {
  return { key: idempotency.key, fingerprint: open('fingerprint', idempotency.fingerprint) };
}

type StoredState = Omit<EnrolmentState, 'bankAccount'>;

/** The `state` and `bank_account` columns of a row of `enrolments`. */
export function sealEnrolmentState(state: EnrolmentState): { state: string; bank_account: string } {
  const { bankAccount, ...rest } = state;
  const stored: StoredState = { ...rest, applied: mapValues(rest.applied, (fingerprint) => seal('fingerprint', fingerprint)) };
  return { state: JSON.stringify(stored), bank_account: sealBankAccount(bankAccount) };
}

export function openEnrolmentState(state: unknown, bankAccount: string): EnrolmentState {
  const stored = state as StoredState;
  return { ...stored, applied: mapValues(stored.applied, (fingerprint) => open('fingerprint', fingerprint)), bankAccount: openBankAccount(bankAccount) } as EnrolmentState;
}
