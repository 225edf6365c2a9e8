/**
 * The contract between the pairing workflow and everyone who talks to it (API, worker, tests): the
 * workflow type and id, the Updates and the query, the search attributes, the inputs and results,
 * and how a refusal travels as an ApplicationFailure. Imported by the workflow bundle, so it must
 * stay deterministic and free of Node modules.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { ApplicationFailure, defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';
import type { CaseLifeEventInput } from '../../../domain/life-events';
import type {
  ContactInput,
  CreatePairingInput,
  MatterInput,
  NeedInput,
  PairingActor,
  PairingCadence,
  PairingRefusal,
  PairingStage,
  PairingState,
  ReassignInput,
  ReferralInput,
} from '../domain/index';

export const PAIRING_WORKFLOW_TYPE = 'pairing';
export const PAIRING_WORKFLOW_ID_PREFIX = 'pairing-';

export function pairingWorkflowId(pairingId: string): string {
  return `${PAIRING_WORKFLOW_ID_PREFIX}${pairingId}`;
}

/** The keys every program's workflows share; the workflow type tells a pairing apart in a visibility query. */
export const pairingSearchAttributes = {
  stage: defineSearchAttributeKey('CaseStage', SearchAttributeType.KEYWORD),
  town: defineSearchAttributeKey('CaseTown', SearchAttributeType.KEYWORD),
  stageEnteredAt: defineSearchAttributeKey('StageEnteredAt', SearchAttributeType.DATETIME),
  overdue: defineSearchAttributeKey('CaseOverdue', SearchAttributeType.BOOL),
} as const;

export function pairingOpeningSearchAttributes(town: string, openedAt: Date): SearchAttributePair[] {
  return [
    { key: pairingSearchAttributes.stage, value: 'ACTIVE' },
    { key: pairingSearchAttributes.town, value: town },
    { key: pairingSearchAttributes.stageEnteredAt, value: openedAt },
    { key: pairingSearchAttributes.overdue, value: false },
  ];
}

export interface PairingUpdateArgs<I> {
  input: I;
  actor: PairingActor;
}

export interface PairingWorkflowInput {
  pairingId: string;
  /** The creation, as the create Update carries it: the workflow applies it first. */
  creation: PairingUpdateArgs<CreatePairingInput>;
  /** The cadence in force when the pairing was created (PAIRING_CADENCE). */
  cadence: PairingCadence;
  /** Set when the workflow continued as new: the pairing as it stood, all of it stored. */
  carried?: { state: PairingState; lifeEventEffects?: Record<string, PairingLifeEventEffect> };
  /** Continue as new past this many history events (tests lower it). */
  historyLengthBound?: number;
}

export interface PairingWorkflowResult {
  pairingId: string;
  stage: PairingStage | null;
}

export interface PairingUpdateResult {
  pairingId: string;
  stage: PairingStage;
  seq: number;
}

export interface PairingLifeEventEffect {
  stageBefore: PairingStage;
  stageAfter: PairingStage;
}

export interface PairingLifeEventResult extends PairingUpdateResult {
  effect: PairingLifeEventEffect;
}

export const getPairingQuery = defineQuery<PairingState>('getPairing');

export const createPairingUpdate = defineUpdate<PairingUpdateResult, [PairingUpdateArgs<CreatePairingInput>]>('createPairing');
export const reassignUpdate = defineUpdate<PairingUpdateResult, [PairingUpdateArgs<ReassignInput>]>('reassign');
export const contactUpdate = defineUpdate<PairingUpdateResult, [PairingUpdateArgs<ContactInput>]>('contact');
export const needUpdate = defineUpdate<PairingUpdateResult, [PairingUpdateArgs<NeedInput>]>('need');
export const matterUpdate = defineUpdate<PairingUpdateResult, [PairingUpdateArgs<MatterInput>]>('matter');
export const referralUpdate = defineUpdate<PairingUpdateResult, [PairingUpdateArgs<ReferralInput>]>('referral');
export const pairingLifeEventUpdate = defineUpdate<PairingLifeEventResult, [PairingUpdateArgs<CaseLifeEventInput>]>('lifeEvent');

/** Failure types the Updates raise; the API turns each into its problem document. */
export const PAIRING_REFUSAL_TYPES = {
  stageConflict: 'StageConflict',
  idempotencyConflict: 'IdempotencyConflict',
  unprocessable: 'Unprocessable',
  forbidden: 'Forbidden',
  notFound: 'NotFound',
  duplicatePairing: 'DuplicatePairing',
} as const;

export type AnyPairingRefusal = PairingRefusal | { kind: 'duplicate-pairing'; detail: string };

export function pairingRefusalFailure(refusal: AnyPairingRefusal): ApplicationFailure {
  const fail = (type: string, details?: unknown) => ApplicationFailure.create({ type, message: refusal.detail, nonRetryable: true, ...(details ? { details: [details] } : {}) });
  switch (refusal.kind) {
    case 'stage-conflict':
      return fail(PAIRING_REFUSAL_TYPES.stageConflict, { currentStage: refusal.currentStage });
    case 'idempotency-conflict':
      return fail(PAIRING_REFUSAL_TYPES.idempotencyConflict);
    case 'unprocessable':
      return fail(PAIRING_REFUSAL_TYPES.unprocessable);
    case 'forbidden':
      return fail(PAIRING_REFUSAL_TYPES.forbidden);
    case 'not-found':
      return fail(PAIRING_REFUSAL_TYPES.notFound);
    case 'duplicate-pairing':
      return fail(PAIRING_REFUSAL_TYPES.duplicatePairing);
  }
}
