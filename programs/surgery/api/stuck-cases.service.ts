/**
 * "What is stuck and why". Overdue stages and failing activities come from indexed
 * read models; workflows whose own tasks keep failing come from Temporal visibility
 * (`TemporalReportedProblems`, set by the server after consecutive workflow-task failures), and
 * only those candidates are described. Nothing here scans the open cases.
 */
import { WorkflowNotFoundError, type Client, type WorkflowExecutionDescription, type WorkflowExecutionInfo, type WorkflowHandle } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType, type TypedSearchAttributes } from '@temporalio/common';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../../config/config';
import { stageSchema } from '../domain/schemas';
import { isTerminal, type Stage, type WaitingStage } from '../domain/stages';
import type { Database } from '../../../store/schema';
import { CASE_WORKFLOW_TYPE, searchAttributes } from '../workflow/definitions';
import { caseIdOfWorkflowId, caseWorkflowId } from '../domain/ids';
import { caseRows, overdueCases, paymentDiscrepancies, retryingActivities, unprojectedRegistrations, type StuckCaseRow } from '../store/stuck';
import { DEFAULT_LANG, type Lang } from '../../../domain/i18n/lang';
import { discrepancyDetail, firstTaskFailingDetail, overdueDetail, retryingDetail, tasksFailingDetail } from './stuck-texts';
import { removeAbandonedRegistration } from './abandoned-registration';
import type { StuckReason } from '../../../http/schemas';
import type { StuckCase } from './route-schemas';

const reportedProblems = defineSearchAttributeKey('TemporalReportedProblems', SearchAttributeType.KEYWORD_LIST);
const WORKFLOW_TASK_PROBLEMS_QUERY =
  `WorkflowType = '${CASE_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running' AND ` +
  `TemporalReportedProblems IN ('category=WorkflowTaskFailed', 'category=WorkflowTaskTimedOut')`;

export interface StuckCasesDeps {
  config: Config;
  db: Kysely<Database>;
  temporal: Client;
  /** Consecutive failures from which an activity counts as stuck (STUCK_ATTEMPTS, default 3). */
  minAttempts: number;
  /** Most cases per reason in one answer; the report is for people, not a bulk export. */
  limit: number;
}

/** A case normally reaches the projection within a second of its POST; past this it is looked at. */
const UNPROJECTED_GRACE_MS = 3_000;
/**
 * At most this many unprojected cases, the oldest, are described per request: after a large roster
 * import thousands wait for the worker for a minute or two, and one describe call each would make
 * the stuck report slow exactly when it is busy. A case stuck on its first task stays the oldest.
 */
const UNPROJECTED_DESCRIBED = 25;

interface FailingWorkflow {
  caseId: string;
  fromVisibility: StuckCaseRow;
  reason: StuckReason;
}

export class StuckCasesService {
  /** False once the server has said it does not know TemporalReportedProblems (older than 1.30). */
  private reportedProblemsSupported = true;

  constructor(private readonly deps: StuckCasesDeps) {}

  async stuckCases(log: FastifyBaseLogger, lang: Lang = DEFAULT_LANG): Promise<StuckCase[]> {
    const { db, minAttempts, limit } = this.deps;
    const [overdue, retrying, failing, discrepancies] = await Promise.all([
      overdueCases(db, limit),
      retryingActivities(db, minAttempts, limit),
      this.failingWorkflows(log, lang),
      paymentDiscrepancies(db, limit),
    ]);
    const byCase = new Map<string, StuckCase>();
    const entry = (row: StuckCaseRow): StuckCase => {
      let item = byCase.get(row.caseId);
      if (!item) {
        item = { caseId: row.caseId, stage: row.stage, stageEnteredAt: row.stageEnteredAt.toISOString(), hospitalId: row.hospitalId, town: row.town, reasons: [] };
        byCase.set(row.caseId, item);
      }
      return item;
    };
    for (const row of overdue) {
      const slaMs = isTerminal(row.stage) ? undefined : this.deps.config.stageSlaMs[row.stage as WaitingStage];
      entry(row).reasons.push({
        kind: 'STAGE_OVERDUE',
        detail: overdueDetail(row.stage, row.stageEnteredAt, slaMs, lang),
        activity: null,
        attempts: null,
        lastFailure: null,
        since: row.stageEnteredAt.toISOString(),
      });
    }
    for (const row of retrying) {
      entry(row).reasons.push({
        kind: 'ACTIVITY_RETRYING',
        detail: retryingDetail(row.activity, row.attempts, lang),
        activity: row.activity,
        attempts: row.attempts,
        lastFailure: row.lastFailure,
        since: row.since.toISOString(),
      });
    }
    for (const row of discrepancies) {
      entry(row).reasons.push({
        kind: 'PAYMENT_DISCREPANCY',
        detail: discrepancyDetail(row, lang),
        activity: null,
        attempts: null,
        lastFailure: null,
        since: row.foundAt.toISOString(),
      });
    }
    const projected = await caseRows(db, failing.map((f) => f.caseId).filter((id) => !byCase.has(id)));
    for (const failure of failing) {
      const row = byCase.has(failure.caseId) ? undefined : projected.get(failure.caseId) ?? failure.fromVisibility;
      const item = row ? entry(row) : byCase.get(failure.caseId)!;
      item.reasons.push(failure.reason);
    }
    return [...byCase.values()];
  }

  private async failingWorkflows(log: FastifyBaseLogger, lang: Lang): Promise<FailingWorkflow[]> {
    const [reported, unprojected] = await Promise.all([this.reportedByTemporal(log, lang), this.stuckBeforeProjection(log, lang)]);
    const seen = new Set(reported.map((failing) => failing.caseId));
    return [...reported, ...unprojected.filter((failing) => !seen.has(failing.caseId))];
  }

  /** Visibility: the server flags workflows after consecutive workflow-task failures (TemporalReportedProblems). */
  private async reportedByTemporal(log: FastifyBaseLogger, lang: Lang): Promise<FailingWorkflow[]> {
    if (!this.reportedProblemsSupported) return [];
    const { temporal, limit } = this.deps;
    const found: WorkflowExecutionInfo[] = [];
    try {
      for await (const info of temporal.workflow.list({ query: WORKFLOW_TASK_PROBLEMS_QUERY, pageSize: Math.min(limit, 100) })) {
        found.push(info);
        if (found.length >= limit) break;
      }
    } catch (error) {
      if (/TemporalReportedProblems/.test((error as Error).message ?? '')) {
        this.reportedProblemsSupported = false;
        log.warn('this Temporal server does not set TemporalReportedProblems; only cases stuck before their first event are reported as WORKFLOW_TASK_FAILING');
        return [];
      }
      throw error;
    }
    return Promise.all(found.map((info) => this.describeReported(info, lang)));
  }

  /**
   * Cases registered by the API that never reached the projection: their workflow is stuck on its
   * first task (found whatever the server's TemporalReportedProblems setting). Described one by one,
   * the oldest UNPROJECTED_DESCRIBED.
   */
  private async stuckBeforeProjection(log: FastifyBaseLogger, lang: Lang): Promise<FailingWorkflow[]> {
    const caseIds = await unprojectedRegistrations(this.deps.db, UNPROJECTED_GRACE_MS, Math.min(this.deps.limit, UNPROJECTED_DESCRIBED));
    const described = await Promise.all(caseIds.map((caseId) => this.describeUnprojected(caseId, log, lang)));
    return described.filter((failing): failing is FailingWorkflow => failing !== undefined);
  }

  private async describeUnprojected(caseId: string, log: FastifyBaseLogger, lang: Lang): Promise<FailingWorkflow | undefined> {
    const handle = this.deps.temporal.workflow.getHandle(caseWorkflowId(caseId));
    let description: WorkflowExecutionDescription;
    try {
      description = await handle.describe();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        // Left by an opening that died midway. Removed once abandoned: the oldest rows are looked
        // at here, and old leftovers would otherwise take every place of the report for good.
        if (!(await removeAbandonedRegistration(this.deps.db, caseId, log))) {
          log.warn({ caseId }, 'a case registration has no workflow: the POST that opened it did not finish; retrying it starts the case');
        }
        return undefined;
      }
      throw error;
    }
    const pending = description.raw.pendingWorkflowTask;
    if (description.status.name !== 'RUNNING' || !pending || (pending.attempt ?? 1) < 2) return undefined;
    const lastFailure = await this.lastWorkflowTaskFailure(handle).catch(() => null);
    return {
      caseId,
      fromVisibility: this.rowFromAttributes(caseId, description.typedSearchAttributes, description.startTime),
      reason: {
        kind: 'WORKFLOW_TASK_FAILING',
        detail: firstTaskFailingDetail(pending.attempt! - 1, lang),
        activity: null,
        attempts: pending.attempt ?? null,
        lastFailure,
        since: description.startTime.toISOString(),
      },
    };
  }

  /** The failure message of the last failed workflow task; the history of a case stuck this early is short. */
  private async lastWorkflowTaskFailure(handle: WorkflowHandle): Promise<string | null> {
    const history = await handle.fetchHistory();
    const failed = (history.events ?? []).filter((event) => event.workflowTaskFailedEventAttributes).at(-1);
    return failed?.workflowTaskFailedEventAttributes?.failure?.message ?? null;
  }

  private rowFromAttributes(caseId: string, attributes: TypedSearchAttributes, fallbackTime: Date): StuckCaseRow {
    const stage = stageSchema.safeParse(attributes.get(searchAttributes.stage));
    return {
      caseId,
      stage: stage.success ? stage.data : ('SCREENING' as Stage),
      stageEnteredAt: attributes.get(searchAttributes.stageEnteredAt) ?? fallbackTime,
      hospitalId: attributes.get(searchAttributes.hospital) ?? '',
      town: attributes.get(searchAttributes.town) ?? '',
    };
  }

  private async describeReported(info: WorkflowExecutionInfo, lang: Lang): Promise<FailingWorkflow> {
    const caseId = caseIdOfWorkflowId(info.workflowId) ?? info.workflowId;
    const problems = info.typedSearchAttributes.get(reportedProblems) ?? [];
    const cause = problems.find((p) => p.startsWith('cause='))?.slice('cause='.length);
    let attempts: number | null = null;
    let since: string | null = null;
    try {
      const description = await this.deps.temporal.workflow.getHandle(info.workflowId, info.runId).describe();
      const pending = description.raw.pendingWorkflowTask;
      attempts = pending?.attempt ?? null;
      const scheduled = pending?.originalScheduledTime?.seconds;
      if (scheduled !== undefined && scheduled !== null) since = new Date(Number(scheduled) * 1000).toISOString();
    } catch {
      // Described as far as visibility knows; the next request tries again.
    }
    return {
      caseId,
      fromVisibility: this.rowFromAttributes(caseId, info.typedSearchAttributes, info.startTime),
      reason: {
        kind: 'WORKFLOW_TASK_FAILING',
        detail: tasksFailingDetail(problems, lang),
        activity: null,
        attempts,
        lastFailure: cause ?? null,
        since,
      },
    };
  }
}
