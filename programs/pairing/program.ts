/**
 * Pairing and practical matters (结对关爱 · 帮办实事) as the catalogue lists it: one pairing per
 * person in need, a workflow per pairing (`pairing-<id>`), alive for as long as the official looks
 * after the person.
 */
import type { Database } from '../../store/schema';
import { workflowNaming, type ProgramEntry, type ProgramWorkflow } from '../program-entry';
import { PairingRuntime } from './api/engine-runtime';
import { DEFAULT_PAIRING_CADENCE, PAIRING_PROGRAM_NAME, PAIRING_STAGES, TERMINAL_PAIRING_STAGES, WAITING_PAIRING_STAGES } from './domain/index';
import { PAIRING_WORKFLOW_ID_PREFIX, PAIRING_WORKFLOW_TYPE } from './workflow/definitions';

export const PAIRING_WORKFLOW: ProgramWorkflow = {
  kind: 'pairing',
  naming: workflowNaming(PAIRING_WORKFLOW_TYPE, PAIRING_WORKFLOW_ID_PREFIX),
  stages: { all: PAIRING_STAGES, waiting: WAITING_PAIRING_STAGES, terminal: TERMINAL_PAIRING_STAGES },
  // An active pairing waits for its next contact: the cadence (PAIRING_CADENCE) is its service-level time.
  stageSlaDefaults: { ACTIVE: DEFAULT_PAIRING_CADENCE.contactEvery },
};

const SEARCH_ATTRIBUTES = { CaseStage: 'Keyword', CaseTown: 'Keyword', StageEnteredAt: 'Datetime', CaseOverdue: 'Bool' } as const;

const READ_MODELS = ['pairing_events', 'pairings', 'pairing_notes', 'pairing_activity_failures'] as const satisfies ReadonlyArray<keyof Database>;

export const pairingProgram: ProgramEntry<PairingRuntime> = {
  id: 'PAIRING',
  name: PAIRING_PROGRAM_NAME,
  workflows: [PAIRING_WORKFLOW],
  searchAttributes: SEARCH_ATTRIBUTES,
  readModels: READ_MODELS,
  statisticsPath: '/v1/stats/pairings',
  lifeEventRule:
    'DIED or MOVED_OUT closes the open pairing (the official is no longer asked to keep in touch); other events are recorded on it. ' +
    'See programs/pairing/domain/commands.ts.',
  connect: ({ db, temporal, stuckLimit, stuckAttempts }) => new PairingRuntime({ db, temporal, stuckLimit, stuckAttempts }),
};
