/**
 * The monthly data match as the API serves it: a list is stored as a batch (rows sealed) and handed
 * to its workflow (`life-event-batch-<batchId>`), which matches and applies it in the worker; the
 * import answers once the batch is done, or after a short wait with its progress so far. The same
 * file again is the same batch (its id is a hash of the text): it answers the first import's
 * result, and nothing is applied twice. Queued rows are decided here: an accepted one is applied
 * through the same life-event path, with the same event id the import would have given it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import {
  batchEventId,
  parseReviewId,
  reviewIdOf,
  type BatchResult,
  type DecidedReview,
  type MatchEffects,
  type MatchEventType,
  type MatchReview,
  type MatchReviewStatus,
  type MatchRowStatus,
  type FailedMatchRow,
} from '../../../domain/data-match';
import { maskIdNumber } from '../../../domain/id-number';
import { localizeIssues } from '../../../domain/i18n/field-messages';
import type { Lang } from '../../../domain/i18n/lang';
import type { LifeEventEffect, NewLifeEventInput } from '../../../domain/life-events';
import type { AssistanceCategory } from '../../../domain/fields';
import type { Principal } from '../../../http/auth/tokens';
import { HttpProblem, problems } from '../../../http/problems';
import type { Database } from '../../../store/schema';
import {
  decideReviewRow,
  decodeBatchCursor,
  decodeReviewCursor,
  encodeBatchCursor,
  encodeReviewCursor,
  findBatch,
  findBatchRow,
  insertBatch,
  listBatches,
  listReviewRows,
  reportRows,
  tallyBatch,
  type BatchRow,
  type StoredBatchRow,
} from '../../../store/life-event-batches';
import { findPersonsByIds } from '../../../store/persons';
import { LIFE_EVENT_BATCH_WORKFLOW_TYPE, lifeEventBatchWorkflowId, type LifeEventBatchInput } from '../../../programs/data-match/workflow/definitions';
import type { LifeEventService } from '../life-events.service';
import type { MatchList } from './match-list-csv';
import { matchReportCsv, type ReportLine } from './match-report';

export interface DataMatchServiceDeps {
  db: Kysely<Database>;
  temporal: Client;
  taskQueue: string;
  lifeEvents: LifeEventService;
  /** How long an import waits for its batch before answering 202 with its progress. */
  importWaitMs?: number;
}

/** The import's answer: the batch's result, and whether it finished within the wait. */
export interface ImportAnswer {
  result: BatchResult;
  done: boolean;
}

/** What a batch's effects add up to: items closed by the events, and what had been paid beyond them. */
export function sumEffects(effects: readonly LifeEventEffect[]): MatchEffects {
  const closedTo = (stage: string) => effects.filter((effect) => effect.stageAfter === stage && effect.stageBefore !== stage).length;
  return {
    enrolmentsTerminated: closedTo('TERMINATED'),
    casesWithdrawn: closedTo('WITHDRAWN'),
    pairingsClosed: closedTo('CLOSED'),
    overpaymentFen: effects.reduce((sum, effect) => sum + effect.overpaymentFen, 0),
  };
}

const POLL_MS = 250;

export class DataMatchService {
  private readonly importWaitMs: number;

  constructor(private readonly deps: DataMatchServiceDeps) {
    this.importWaitMs = deps.importWaitMs ?? 20_000;
  }

  async importList(list: MatchList, principal: Principal, fileName: string | null, lang: Lang, signal?: AbortSignal): Promise<ImportAnswer> {
    const { db } = this.deps;
    const importer = { sub: principal.sub, role: principal.role, ...(principal.town === undefined ? {} : { town: principal.town }) };
    await insertBatch(db, { batchId: list.batchId, importer, fileName, rows: list.total, failed: list.failed }, list.rows);
    const batch = (await findBatch(db, list.batchId))!;
    if (batch.status !== 'DONE') await this.startWorkflow(batch);
    const deadline = Date.now() + this.importWaitMs;
    let current = batch;
    while (current.status !== 'DONE' && Date.now() < deadline && !signal?.aborted) {
      await sleep(POLL_MS);
      current = (await findBatch(db, list.batchId))!;
    }
    return { result: await this.resultOf(current, lang), done: current.status === 'DONE' };
  }

  /** Started once per batch; a batch whose import was cut short before its start is started by the next import of it. */
  private async startWorkflow(batch: BatchRow): Promise<void> {
    const input: LifeEventBatchInput = { batchId: batch.batch_id, rows: batch.rows };
    try {
      await this.deps.temporal.workflow.start(LIFE_EVENT_BATCH_WORKFLOW_TYPE, {
        taskQueue: this.deps.taskQueue,
        workflowId: lifeEventBatchWorkflowId(batch.batch_id),
        args: [input],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  async get(batchId: string, lang: Lang): Promise<BatchResult> {
    const batch = await findBatch(this.deps.db, batchId);
    if (!batch) throw problems.notFound(`no batch ${batchId}`);
    return this.resultOf(batch, lang);
  }

  private async resultOf(batch: BatchRow, lang: Lang): Promise<BatchResult> {
    const { byStatus, effects } = await tallyBatch(this.deps.db, batch.batch_id);
    const count = (status: MatchRowStatus) => byStatus[status] ?? 0;
    const failed = (batch.failed as FailedMatchRow[]).map((row) => ({ ...row, errors: localizeIssues(row.errors, lang) }));
    return {
      batchId: batch.batch_id,
      status: batch.status as BatchResult['status'],
      rows: batch.rows,
      applied: count('APPLIED') + count('ACCEPTED'),
      alreadyApplied: count('ALREADY_APPLIED'),
      notInRegistry: count('NOT_IN_REGISTRY'),
      queued: count('QUEUED'),
      failed,
      effects: sumEffects(effects),
      progress: { done: batch.status === 'DONE' ? batch.rows : batch.done, total: batch.rows },
    };
  }

  async list(query: { limit: number; cursor?: string | undefined }) {
    const after = query.cursor === undefined ? undefined : decodeBatchCursor(query.cursor);
    if (query.cursor !== undefined && !after) throw problems.validation([{ path: 'cursor', message: 'is not a cursor this API gave' }]);
    const { batches, next } = await listBatches(this.deps.db, query.limit, after);
    return {
      items: batches.map(({ batch, byStatus }) => ({
        batchId: batch.batch_id,
        importedAt: batch.imported_at.toISOString(),
        importedBy: batch.imported_by,
        fileName: batch.file_name,
        rows: batch.rows,
        applied: (byStatus.APPLIED ?? 0) + (byStatus.ACCEPTED ?? 0),
        queued: byStatus.QUEUED ?? 0,
        notInRegistry: byStatus.NOT_IN_REGISTRY ?? 0,
        status: batch.status as BatchResult['status'],
        progress: { done: batch.status === 'DONE' ? batch.rows : batch.done, total: batch.rows },
      })),
      nextCursor: next ? encodeBatchCursor(next) : null,
    };
  }

  async reviews(query: { batchId?: string | undefined; status?: MatchReviewStatus | undefined; limit: number; cursor?: string | undefined }) {
    const after = query.cursor === undefined ? undefined : decodeReviewCursor(query.cursor);
    if (query.cursor !== undefined && !after) throw problems.validation([{ path: 'cursor', message: 'is not a cursor this API gave' }]);
    const { rows, next } = await listReviewRows(this.deps.db, { batchId: query.batchId, status: query.status }, query.limit, after);
    return { items: rows.map(reviewView), nextCursor: next ? encodeReviewCursor(next) : null };
  }

  /** Applies a queued row as the import would have (same event id), then records the decision. */
  async accept(id: string, principal: Principal): Promise<DecidedReview> {
    const row = await this.queuedRow(id);
    const body: NewLifeEventInput = {
      eventId: batchEventId(row.batch_id, row.row),
      type: row.type as NewLifeEventInput['type'],
      on: row.on_day,
      ...(row.assistance_category ? { assistanceCategory: row.assistance_category as AssistanceCategory } : {}),
    };
    let effects: LifeEventEffect[];
    try {
      effects = (await this.deps.lifeEvents.apply(row.person_id!, body, principal)).effects;
    } catch (error) {
      // The registry learnt of the death or move some other way since: accepted, nothing left to do.
      if (!(error instanceof HttpProblem && error.slug === 'person-inactive')) throw error;
      effects = [];
    }
    const decided = await decideReviewRow(this.deps.db, row.batch_id, row.row, { status: 'ACCEPTED', decidedBy: principal.sub, reason: null, effects });
    if (!decided) throw await this.alreadyDecided(id);
    return { ...reviewView(decided), effects: sumEffects(effects), changes: effects };
  }

  async reject(id: string, reason: string, principal: Principal): Promise<DecidedReview> {
    const row = await this.queuedRow(id);
    const decided = await decideReviewRow(this.deps.db, row.batch_id, row.row, { status: 'REJECTED', decidedBy: principal.sub, reason, effects: null });
    if (!decided) throw await this.alreadyDecided(id);
    return { ...reviewView(decided), effects: sumEffects([]), changes: [] };
  }

  private async queuedRow(id: string): Promise<StoredBatchRow> {
    const { batchId, row } = parseReviewId(id);
    const stored = await findBatchRow(this.deps.db, batchId, row);
    if (!stored || !isReview(stored.status)) throw problems.notFound(`no review ${id}`);
    if (stored.status !== 'QUEUED') throw problems.stageConflict(stored.status, `review ${id} is ${stored.status} already`);
    return stored;
  }

  private async alreadyDecided(id: string): Promise<HttpProblem> {
    const { batchId, row } = parseReviewId(id);
    const stored = await findBatchRow(this.deps.db, batchId, row);
    return problems.stageConflict(stored?.status ?? 'UNKNOWN', `review ${id} is ${stored?.status ?? 'UNKNOWN'} already`);
  }

  async report(batchId: string, lang: Lang): Promise<string> {
    const batch = await findBatch(this.deps.db, batchId);
    if (!batch) throw problems.notFound(`no batch ${batchId}`);
    const rows = await reportRows(this.deps.db, batchId);
    const persons = await findPersonsByIds(
      this.deps.db,
      rows.flatMap((row) => (row.person_id ? [row.person_id] : [])),
    );
    const lines: ReportLine[] = rows.map((row) => {
      const person = row.person_id ? persons.get(row.person_id) : undefined;
      return {
        row: row.row,
        name: person?.name ?? row.name,
        listName: row.name,
        maskedIdNumber: maskIdNumber(row.id_number),
        town: person?.town ?? '',
        type: row.type as MatchEventType,
        on: row.on_day,
        source: row.source,
        status: row.status as MatchRowStatus,
        effects: (row.effects ?? []) as LifeEventEffect[],
      };
    });
    return matchReportCsv(batchId, lines, lang);
  }
}

function isReview(status: string): status is MatchReviewStatus {
  return status === 'QUEUED' || status === 'ACCEPTED' || status === 'REJECTED';
}

/** A review as an officer reads it: the list's name beside the registry's; the ID number masked for everyone. */
function reviewView(row: StoredBatchRow): MatchReview {
  return {
    id: reviewIdOf(row.batch_id, row.row),
    batchId: row.batch_id,
    row: row.row,
    listName: row.name,
    registryName: row.registry_name ?? '',
    personId: row.person_id ?? '',
    idNumber: maskIdNumber(row.id_number),
    type: row.type as MatchEventType,
    on: row.on_day,
    source: row.source,
    assistanceCategory: row.assistance_category,
    status: row.status as MatchReviewStatus,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    reason: row.reason,
  };
}
