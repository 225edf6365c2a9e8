/**
 * "What is stuck and why" (DESIGN.md §6). Overdue stages and failing activities come from indexed
 * read models; workflows whose own tasks keep failing come from Temporal visibility
 * (`TemporalReportedProblems`, set by the server after consecutive workflow-task failures), and
 * only those candidates are described. Nothing here scans the open cases.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config/config';
import { formatDurationMs } from './durations';
import { stageSchema } from '../../domain/schemas';
import { isTerminal, type Stage, type WaitingStage } from '../../domain/stages';
import type { Database } from '../../db/types';
import { CASE_WORKFLOW_TYPE, searchAttributes } from '../../workflows/shared';
import { caseRows, overdueCases, retryingActivities, type StuckCaseRow } from '../repositories/stuck.repository';
import type { StuckCase, StuckReason } from '../schemas';

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

const CASE_ID_OF_WORKFLOW = /^case-(.+)$/;

export class StuckCasesService {
  /** False once the server has said it does not know TemporalReportedProblems (older than 1.30). */
  private reportedProblemsSupported = true;

  constructor(private readonly deps: StuckCasesDeps) {}

  async stuckCases(log: FastifyBaseLogger): Promise<StuckCase[]> {
    const { db, minAttempts, limit } = this.deps;
    const [overdue, retrying, failing] = await Promise.all([
      overdueCases(db, limit),
      retryingActivities(db, minAttempts, limit),
      this.failingWorkflows(log),
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
        detail: `in ${row.stage} since ${row.stageEnteredAt.toISOString()}${slaMs ? `, longer than its service-level time of ${formatDurationMs(slaMs)}` : ''}`,
        activity: null,
        attempts: null,
        lastFailure: null,
        since: row.stageEnteredAt.toISOString(),
      });
    }
    for (const row of retrying) {
      entry(row).reasons.push({
        kind: 'ACTIVITY_RETRYING',
        detail: `${row.activity} has failed ${row.attempts} times in a row`,
        activity: row.activity,
        attempts: row.attempts,
        lastFailure: row.lastFailure,
        since: row.since.toISOString(),
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

  private async failingWorkflows(log: FastifyBaseLogger): Promise<Array<{ caseId: string; fromVisibility: StuckCaseRow; reason: StuckReason }>> {
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
        log.warn('this Temporal server does not set TemporalReportedProblems; WORKFLOW_TASK_FAILING is not reported');
        return [];
      }
      throw error;
    }
    return Promise.all(found.map((info) => this.describeFailing(info)));
  }

  private async describeFailing(info: WorkflowExecutionInfo): Promise<{ caseId: string; fromVisibility: StuckCaseRow; reason: StuckReason }> {
    const caseId = CASE_ID_OF_WORKFLOW.exec(info.workflowId)?.[1] ?? info.workflowId;
    const attributes = info.typedSearchAttributes;
    const stage = stageSchema.safeParse(attributes.get(searchAttributes.stage));
    const problems = attributes.get(reportedProblems) ?? [];
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
    const stageEnteredAt = attributes.get(searchAttributes.stageEnteredAt) ?? info.startTime;
    return {
      caseId,
      fromVisibility: {
        caseId,
        stage: stage.success ? stage.data : ('SCREENING' as Stage),
        stageEnteredAt,
        hospitalId: attributes.get(searchAttributes.hospital) ?? '',
        town: attributes.get(searchAttributes.town) ?? '',
      },
      reason: {
        kind: 'WORKFLOW_TASK_FAILING',
        detail: `the workflow cannot make progress: its tasks keep failing (${problems.join(', ') || 'reported by Temporal'})`,
        activity: null,
        attempts,
        lastFailure: cause ?? null,
        since,
      },
    };
  }
}
