import { setTimeout } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { computeClaim } from '../../domain/policy/index';
import type { ClaimDecision } from '../../domain/events';
import type { SandboxPayerSetting } from '../../domain/schemas';
import type { Payer } from '../../domain/stages';
import type { Database } from '../../../../store/schema';
import { getSandboxPayerSettings } from '../../store/sandbox-payers';
import { findSandboxClaim, recordSandboxClaim, type SandboxClaimRow } from '../../store/sandbox-claims';
import { ClaimVoidedError, type ClaimRequest, type PayerAdapter, type PayerClaimRecord, type VoidRequest } from './payer-adapter';

/** Settings are re-read at most this often, so every worker honours a change within 2 s. */
const SETTINGS_TTL_MS = 1_000;

/** Where the payers' modes come from: PostgreSQL (set through the admin API), or a test's own. */
export type SandboxSettingsSource = () => Promise<Record<Payer, SandboxPayerSetting>>;

export class PayerUnavailableError extends Error {
  override name = 'PayerUnavailableError';
}

const REFERENCE_PREFIX: Record<Payer, string> = {
  BASIC_MEDICAL_INSURANCE: 'BMI',
  CRITICAL_ILLNESS_INSURANCE: 'CII',
  MEDICAL_ASSISTANCE: 'MA',
  DISABILITY_ASSISTANCE: 'DA',
  PROVINCIAL_CHARITY: 'PCF',
};

/**
 * The five payers simulated for development and tests: each adjudicates with the policy engine,
 * keeps its claims in PostgreSQL (a resubmitted key gets the first decision back) and obeys
 * the mode an administrator set: up, down, or flaky, with latency.
 */
export class SandboxPayers implements PayerAdapter {
  private cached: { at: number; settings: Record<Payer, SandboxPayerSetting> } | undefined;

  private readonly readSettings: SandboxSettingsSource;
  private readonly random: () => number;

  constructor(
    private readonly db: Kysely<Database>,
    options: { settings?: SandboxSettingsSource; random?: () => number } = {},
  ) {
    this.readSettings = options.settings ?? (() => getSandboxPayerSettings(db));
    this.random = options.random ?? Math.random;
  }

  async submitClaim(request: ClaimRequest, signal?: AbortSignal): Promise<ClaimDecision> {
    const setting = (await this.settings())[request.payer];
    if (setting.latencyMs > 0) await setTimeout(setting.latencyMs, undefined, { signal });
    if (setting.mode === 'down') throw new PayerUnavailableError(`${request.payer} is down (sandbox)`);
    if (setting.mode === 'flaky' && this.random() < setting.failureRate) {
      throw new PayerUnavailableError(`${request.payer} failed a flaky call (sandbox)`);
    }
    const decision = computeClaim(request.policy, request.payer, request.context, request.paidSoFar);
    // A key decided before (a retry, or a concurrent duplicate) keeps its first decision — a payer
    // never pays one claim twice — and a voided key is never paid.
    const row = await recordSandboxClaim(this.db, {
      idempotency_key: request.idempotencyKey,
      payer: request.payer,
      case_id: request.caseId,
      status: decision.status,
      amount_fen: decision.amountFen,
      reason: decision.reason,
      reference: `${REFERENCE_PREFIX[request.payer]}-${request.caseId}`,
      explanation: decision.explanation,
    });
    if (row.status === 'VOIDED') throw new ClaimVoidedError(`${request.idempotencyKey} was voided at ${request.payer} (${row.reference}): it is not paid`);
    // The books keep the sentence only; the structure goes with it while it is the same decision.
    const first = decisionOf(row);
    return first.explanation === decision.explanation && decision.explanationData ? { ...first, explanationData: decision.explanationData } : first;
  }

  async claimRecord(_payer: Payer, idempotencyKey: string): Promise<PayerClaimRecord | null> {
    const row = await findSandboxClaim(this.db, idempotencyKey);
    return row ? recordOf(row) : null;
  }

  /** Voids take effect in every mode: a payer that is down for claims still records a void (its clerks do). */
  async voidClaim(request: VoidRequest): Promise<PayerClaimRecord> {
    const row = await recordSandboxClaim(this.db, {
      idempotency_key: request.idempotencyKey,
      payer: request.payer,
      case_id: request.caseId,
      status: 'VOIDED',
      amount_fen: 0,
      reason: null,
      reference: request.reference,
      explanation: 'voided: settled by hand',
    });
    return recordOf(row);
  }

  private async settings(): Promise<Record<Payer, SandboxPayerSetting>> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > SETTINGS_TTL_MS) {
      this.cached = { at: now, settings: await this.readSettings() };
    }
    return this.cached.settings;
  }
}

function decisionOf(row: SandboxClaimRow): ClaimDecision {
  return { status: row.status as ClaimDecision['status'], amountFen: row.amount_fen, reason: row.reason, reference: row.reference, explanation: row.explanation };
}

function recordOf(row: SandboxClaimRow): PayerClaimRecord {
  return { ...decisionOf(row), status: row.status as PayerClaimRecord['status'], recordedAt: row.decided_at.toISOString() };
}
