/**
 * The two monthly subsidies (重度残疾人护理补贴, 困难残疾人生活补贴) as the catalogue lists them:
 * one enrolment per person and subsidy, a workflow per enrolment. Both run the one enrolment
 * workflow, whose ids do not say which subsidy (`enrolment-<id>`): the enrolment's own read model
 * does, so each subsidy's running parts answer for its own enrolments only.
 */
import type { Texts } from '../../domain/i18n/lang';
import type { Database } from '../../store/schema';
import { workflowNaming, type ProgramEntry, type ProgramWorkflow } from '../program-entry';
import { SubsidyRuntime } from './api/engine-runtime';
import { ENROLMENT_STAGES, TERMINAL_ENROLMENT_STAGES, WAITING_ENROLMENT_STAGES, type SubsidyProgram } from './domain/index';
import { DEFAULT_ENROLMENT_STAGE_SLA_MS, ENROLMENT_WORKFLOW_ID_PREFIX, ENROLMENT_WORKFLOW_TYPE } from './workflow/definitions';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The enrolment workflow, shared by both subsidies: listed once, by the same object, in each entry. */
export const ENROLMENT_WORKFLOW: ProgramWorkflow = {
  kind: 'enrolment',
  naming: workflowNaming(ENROLMENT_WORKFLOW_TYPE, ENROLMENT_WORKFLOW_ID_PREFIX),
  stages: { all: ENROLMENT_STAGES, waiting: WAITING_ENROLMENT_STAGES, terminal: TERMINAL_ENROLMENT_STAGES },
  // The workflow's own defaults, in days as the configuration writes them.
  stageSlaDefaults: Object.fromEntries(Object.entries(DEFAULT_ENROLMENT_STAGE_SLA_MS).map(([stage, ms]) => [stage, `${ms / DAY_MS}d`])),
};

/** The keys the enrolment workflow keeps current: the ones every program's workflows share. */
const SEARCH_ATTRIBUTES = { CaseStage: 'Keyword', CaseTown: 'Keyword', StageEnteredAt: 'Datetime', CaseOverdue: 'Bool' } as const;

const READ_MODELS = ['enrolment_events', 'enrolments', 'enrolment_months', 'subsidy_policies', 'payrolls', 'payroll_lines', 'sandbox_bank_settings', 'sandbox_bank_records', 'enrolment_activity_failures'] as const satisfies ReadonlyArray<keyof Database>;

const NAMES: Record<SubsidyProgram, Texts> = {
  NURSING_SUBSIDY: { 'zh-CN': '重度残疾人护理补贴', en: 'Nursing subsidy for the severely disabled' },
  LIVING_SUBSIDY: { 'zh-CN': '困难残疾人生活补贴', en: 'Living subsidy for disabled people in hardship' },
};

function subsidyProgramEntry(program: SubsidyProgram): ProgramEntry<SubsidyRuntime> {
  return {
    id: program,
    name: NAMES[program],
    workflows: [ENROLMENT_WORKFLOW],
    searchAttributes: SEARCH_ATTRIBUTES,
    readModels: READ_MODELS,
    statisticsPath: `/v1/stats/subsidies?program=${program}`,
    lifeEventRule:
      'Before ACTIVE, DIED or MOVED_OUT withdraws the enrolment and other events are recorded; once ACTIVE or SUSPENDED, ' +
      'DIED or MOVED_OUT terminates it after the month of the event, and a change of grade or category is checked for the ' +
      'next month (no longer eligible terminates it, otherwise the new amount applies). Months paid and no longer owed ' +
      'open a recovery. See programs/subsidy/domain/enrolment-life-events.ts.',
    connect: ({ db, temporal, stuckLimit, stuckAttempts }) => new SubsidyRuntime(program, { db, temporal, stuckLimit, stuckAttempts }),
  };
}

export const nursingSubsidyProgram = subsidyProgramEntry('NURSING_SUBSIDY');
export const livingSubsidyProgram = subsidyProgramEntry('LIVING_SUBSIDY');
