/**
 * The limb-deformity surgery program (矫治救助) as the catalogue lists it: one case per person
 * and operation, a workflow per case, paid by five payers in a cascade.
 */
import type { Database } from '../../store/schema';
import { workflowNaming, type ProgramContext, type ProgramEntry } from '../program-entry';
import { SurgeryRuntime } from './api/program-runtime';
import { SURGERY_STAGE_SLA_DEFAULTS } from './domain/stage-sla';
import { STAGES, TERMINAL_STAGES, WAITING_STAGES } from './domain/stages';
import { CASE_WORKFLOW_ID_PREFIX, CASE_WORKFLOW_TYPE, SEARCH_ATTRIBUTE_DEFINITIONS } from './workflow/definitions';

// One runtime per app: the case routes and the engine must share one set of case services (the reads' cache).
const runtimes = new WeakMap<ProgramContext, SurgeryRuntime>();

const READ_MODELS = [
  'case_events',
  'cases',
  'claims',
  'case_registrations',
  'case_persons',
  'activity_failures',
  'claim_proposals',
  'payment_discrepancies',
  'sandbox_payer_settings',
  'sandbox_claims',
] as const satisfies ReadonlyArray<keyof Database>;

export const surgeryProgram: ProgramEntry<SurgeryRuntime> = {
  id: 'SURGERY',
  name: { 'zh-CN': '肢体畸形矫治救助', en: 'Limb-deformity surgery assistance' },
  workflows: [
    {
      kind: 'case',
      naming: workflowNaming(CASE_WORKFLOW_TYPE, CASE_WORKFLOW_ID_PREFIX),
      stages: { all: STAGES, waiting: WAITING_STAGES, terminal: TERMINAL_STAGES },
      stageSlaDefaults: SURGERY_STAGE_SLA_DEFAULTS,
    },
  ],
  searchAttributes: SEARCH_ATTRIBUTE_DEFINITIONS,
  readModels: READ_MODELS,
  statisticsPath: '/v1/stats',
  lifeEventRule:
    'DIED or MOVED_OUT before discharge ends the case WITHDRAWN with that reason; after discharge, and for the other ' +
    'events, the case only records it (its policy inputs were fixed when it opened). See domain/case-life-events.ts.',
  connect(context) {
    let runtime = runtimes.get(context);
    if (!runtime) {
      runtime = new SurgeryRuntime(context);
      runtimes.set(context, runtime);
    }
    return runtime;
  },
};
