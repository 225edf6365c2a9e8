/**
 * The payroll scenario: one program's monthly payroll of N lines (20,000 by default), from
 * approval to RECONCILED, against
 * - the floor: the payroll workflow's shape after approval (bench/floor: one activity per batch,
 *   the same number of batches) with empty bodies, on the floor worker;
 * - a plain SQL program doing the disbursement's inserts and updates in the same batches against
 *   the same PostgreSQL (set-based statements, one transaction per batch step), on the other
 *   subsidy program's enrolments, seeded alike.
 * The enrolments are loaded straight into PostgreSQL (bench/support/registry-seed.ts); the payroll
 * is opened, submitted (civil affairs) and approved (finance) through the API and runs on the
 * project's own worker against the sandbox bank. Also: the payroll workflow's history events
 * (every run, continued ones included), and a dry run for a larger payroll (default 200,000 lines):
 * the lines computed and batched in memory by the payroll core, and the floor's history for that
 * many batches — the payroll's history after approval is the floor's event for event.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { sql, type Kysely } from 'kysely';
import { batchLines, lineKey, payrollIdOf, payrollLines, type PayrollMonthRow, type SubsidyProgram } from '../../programs/subsidy/domain/index';
import { loadSubsidyPolicy } from '../../programs/subsidy/policy-file';
import type { Database } from '../../store/schema';
import { FLOOR_PAYROLL_WORKFLOW_TYPE, floorApprovePayrollUpdate, type FloorPayrollInput } from '../floor/shared';
import { PREFIX, processRoots, type BenchContext } from '../support/context';
import { RssSampler } from '../support/children';
import { CpuMeter } from '../support/cpu';
import { seedActiveEnrolments, seedPersons } from '../support/registry-seed';

/**
 * The most events a payroll's run holds: it continues as new once past 1,500 (BOUNDED_HISTORY_LENGTH
 * in programs/subsidy/workflow/payroll.ts), checked after each batch (six events), and the
 * continuation itself adds a few.
 */
const PAYROLL_RUN_EVENTS_AT_MOST = 1_500 + 6 + 4;

export interface PayrollHistory {
  runs: number;
  /** Events of every run added up, and of the longest run (what a replay reads at once). */
  totalEvents: number;
  longestRunEvents: number;
}

export interface PayrollVariant {
  lines: number;
  batches: number;
  /** Approval sent → RECONCILED. */
  wallMs: number;
  linesPerSecond: number;
  cpuMsPerThousandLines: Record<string, number>;
}

export interface PayrollFigures {
  lines: number;
  batchSize: number;
  seedMs: number;
  /** POST /v1/payrolls → DRAFT with its lines (the roster built from the enrolments). */
  openMs: number;
  payroll: PayrollVariant & { history: PayrollHistory; paidFen: number; expectedPaidFen: number };
  /** The case worker's RSS (it runs the payroll and its batches): before the approval, and its peak until RECONCILED. */
  workerRssMiB: { before: number; peak: number };
  floor: PayrollVariant & { history: PayrollHistory };
  rawSql: PayrollVariant & { paidFen: number };
  dryRun: {
    lines: number;
    batches: number;
    /** The payroll core computing the lines from month rows and batching them, in memory. */
    linesAndBatchesMs: number;
    /** The floor's history for that many batches: the payroll's after approval, event for event. */
    floorHistoryEvents: number;
    /** The floor's, plus what the payroll's history holds before approval (measured at N lines). */
    estimatedPayrollHistoryEvents: number;
    /** Of those, the longest run's: the workflow continues as new past its bound (patch payroll-history-bound). */
    estimatedLongestRunEvents: number;
  };
}

interface Api {
  request<T>(method: 'GET' | 'POST', path: string, token: string, body?: unknown, expect?: readonly number[]): Promise<T>;
  tokens: { civil: string; finance: string };
}

interface PayrollView {
  payrollId: string;
  stage: string;
  totals: { lines: number; totalFen: number; paidFen: number };
}

/** Every run of the workflow id (closed continued runs and the last), events counted. */
async function payrollHistory(client: Client, workflowId: string): Promise<PayrollHistory> {
  const runIds: string[] = [];
  for await (const execution of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runIds.push(execution.runId);
  let totalEvents = 0;
  let longestRunEvents = 0;
  for (const runId of runIds) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events = history.events?.length ?? 0;
    totalEvents += events;
    longestRunEvents = Math.max(longestRunEvents, events);
  }
  return { runs: runIds.length, totalEvents, longestRunEvents };
}

function variant(lines: number, batches: number, wallMs: number, cpu: CpuMeter): PayrollVariant {
  return { lines, batches, wallMs: Math.round(wallMs), linesPerSecond: Number(((lines * 1000) / wallMs).toFixed(1)), cpuMsPerThousandLines: cpu.perCase(lines / 1000) };
}

/** The floor payroll: started, approved by its Update, awaited; timed from the approval. */
async function runFloorPayroll(ctx: BenchContext, payrollId: string, batchCount: number, cpu?: CpuMeter): Promise<{ wallMs: number; history: PayrollHistory }> {
  const input: FloorPayrollInput = { payrollId, batchCount };
  const handle = await ctx.temporal.workflow.start(FLOOR_PAYROLL_WORKFLOW_TYPE, { workflowId: `floor-${payrollId}`, taskQueue: ctx.services.floorTaskQueue, args: [input] });
  cpu?.start();
  const started = performance.now();
  await handle.executeUpdate(floorApprovePayrollUpdate, { args: [{}] });
  await handle.result();
  const wallMs = performance.now() - started;
  cpu?.stop();
  return { wallMs, history: await payrollHistory(ctx.temporal, `floor-${payrollId}`) };
}

/**
 * The same disbursement as plain SQL against the same PostgreSQL: lines are set up DRAFT and the
 * payroll PENDING_APPROVAL untimed; then timed: approval takes the months, batches are numbered,
 * and per batch (one transaction each, as the activity's steps) the lines go SENT, the bank books
 * them, the lines go PAID with the bank's reference and their months PAID; then the books and the
 * lines are compared and the payroll is RECONCILED.
 */
async function runRawSqlPayroll(db: Kysely<Database>, program: SubsidyProgram, period: string, monthlyFen: number, batchSize: number, cpu: CpuMeter): Promise<{ wallMs: number; batches: number; lines: number; paidFen: number }> {
  const payrollId = payrollIdOf(program, period);
  const now = new Date();
  await sql`insert into enrolment_months (enrolment_id, program, month, amount_fen, status)
            select enrolment_id, program, ${period}, ${monthlyFen}, 'PAYABLE' from enrolments where program = ${program}`.execute(db);
  await sql`insert into payrolls (payroll_id, program, period, stage, submitted_by, totals, opened_at, stage_entered_at, updated_at)
            values (${payrollId}, ${program}, ${period}, 'PENDING_APPROVAL', 'bench-civil', '{}'::jsonb, ${now}, ${now}, ${now})`.execute(db);
  await sql`insert into payroll_lines (payroll_id, bank_key, program, enrolment_id, person_id, month, amount_fen, status)
            select ${payrollId}, m.program || ':' || m.enrolment_id || ':' || m.month, m.program, m.enrolment_id, e.person_id, m.month, m.amount_fen, 'DRAFT'
            from enrolment_months m join enrolments e using (enrolment_id) where m.program = ${program} and m.month <= ${period} and m.status = 'PAYABLE'`.execute(db);
  // Planner statistics for the rows just loaded (autovacuum would take its time): the plain SQL's joins are planned on real sizes.
  await sql`analyze enrolments, enrolment_months, payroll_lines, payrolls`.execute(db);
  // The key the payroll core gives a line is the table's check (program:enrolment:month): one sample proves the SQL forms it alike.
  const sample = await sql<{ bank_key: string; enrolment_id: string; month: string }>`select bank_key, enrolment_id, month from payroll_lines where payroll_id = ${payrollId} limit 1`.execute(db);
  const first = sample.rows[0];
  if (first && first.bank_key !== lineKey(program, { enrolmentId: first.enrolment_id, month: first.month })) throw new Error(`the raw SQL's key ${first.bank_key} is not the core's`);

  cpu.start();
  const started = performance.now();
  const batches = await db.transaction().execute(async (trx) => {
    await sql`select 1 from payrolls where payroll_id = ${payrollId} for update`.execute(trx);
    await sql`update enrolment_months m set status = 'IN_PAYROLL', payroll_id = ${payrollId}, updated_at = now()
              from payroll_lines l where l.payroll_id = ${payrollId} and m.program = l.program and m.enrolment_id = l.enrolment_id and m.month = l.month and m.status = 'PAYABLE'`.execute(trx);
    await sql`update payroll_lines l set batch_no = n.batch_no from (
                select bank_key, (row_number() over (order by enrolment_id, month) - 1) / ${batchSize} + 1 as batch_no from payroll_lines where payroll_id = ${payrollId}
              ) n where l.payroll_id = ${payrollId} and l.bank_key = n.bank_key`.execute(trx);
    const count = await sql<{ n: number }>`select coalesce(max(batch_no), 0)::int as n from payroll_lines where payroll_id = ${payrollId}`.execute(trx);
    const batchCount = count.rows[0]!.n;
    await sql`update payrolls set stage = 'DISBURSING', approved_by = 'bench-finance', batch_count = ${batchCount}, stage_entered_at = now(), updated_at = now() where payroll_id = ${payrollId}`.execute(trx);
    return batchCount;
  });
  // Approval moved every month and line: fresh statistics, or the batches' joins are planned for
  // the sizes before (no month IN_PAYROLL, no line numbered) and scan the whole payroll per batch.
  await sql`analyze enrolment_months, payroll_lines, sandbox_bank_records`.execute(db);
  for (let batchNo = 1; batchNo <= batches; batchNo++) {
    await db.transaction().execute(async (trx) => {
      await sql`select 1 from payrolls where payroll_id = ${payrollId} for update`.execute(trx);
      await sql`update payroll_lines set status = 'SENT', updated_at = now() where payroll_id = ${payrollId} and batch_no = ${batchNo} and status = 'DRAFT'`.execute(trx);
    });
    // The accounts read for the file, then the bank's books (one record per line).
    await sql`select e.enrolment_id, e.bank_account from payroll_lines l join enrolments e using (enrolment_id) where l.payroll_id = ${payrollId} and l.batch_no = ${batchNo}`.execute(db);
    await sql`insert into sandbox_bank_records (key, payroll_id, batch_no, status, amount_fen, reference)
              select bank_key, payroll_id, batch_no, 'PAID', amount_fen, md5(bank_key) from payroll_lines where payroll_id = ${payrollId} and batch_no = ${batchNo}
              on conflict do nothing`.execute(db);
    await db.transaction().execute(async (trx) => {
      await sql`select 1 from payrolls where payroll_id = ${payrollId} for update`.execute(trx);
      // Each line looks its record up by key: a join would be planned on statistics taken before
      // the bank had booked anything and walk every record booked so far, batch after batch.
      await sql`update payroll_lines l set (status, bank_reference, updated_at) = (select b.status, b.reference, now() from sandbox_bank_records b where b.payroll_id = l.payroll_id and b.key = l.bank_key)
                where l.payroll_id = ${payrollId} and l.batch_no = ${batchNo} and l.status = 'SENT'`.execute(trx);
      await sql`update enrolment_months m set status = 'PAID', updated_at = now() from payroll_lines l
                where l.payroll_id = ${payrollId} and l.batch_no = ${batchNo} and l.status = 'PAID' and m.program = l.program and m.enrolment_id = l.enrolment_id and m.month = l.month and m.status = 'IN_PAYROLL'`.execute(trx);
      // The paid total moves by the batch's own lines (summing every line per batch would grow with the square).
      await sql`update payrolls set batches_done = ${batchNo}, paid_fen = paid_fen + (select coalesce(sum(amount_fen), 0) from payroll_lines where payroll_id = ${payrollId} and batch_no = ${batchNo} and status = 'PAID'), updated_at = now() where payroll_id = ${payrollId}`.execute(trx);
    });
  }
  const paidFen = await db.transaction().execute(async (trx) => {
    await sql`select 1 from payrolls where payroll_id = ${payrollId} for update`.execute(trx);
    const sums = await sql<{ lines: string; books: string }>`select
        (select coalesce(sum(amount_fen), 0) from payroll_lines where payroll_id = ${payrollId} and status = 'PAID') as lines,
        (select coalesce(sum(amount_fen), 0) from sandbox_bank_records where payroll_id = ${payrollId} and status = 'PAID') as books`.execute(trx);
    const { lines, books } = sums.rows[0]!;
    if (lines !== books) throw new Error(`raw SQL payroll does not reconcile: lines ${lines}, books ${books}`);
    await sql`update payrolls set stage = 'RECONCILED', stage_entered_at = now(), updated_at = now() where payroll_id = ${payrollId}`.execute(trx);
    return Number(lines);
  });
  const wallMs = performance.now() - started;
  cpu.stop();
  const lineCount = await sql<{ n: number }>`select count(*)::int as n from payroll_lines where payroll_id = ${payrollId}`.execute(db);
  return { wallMs, batches, lines: lineCount.rows[0]!.n, paidFen };
}

/** The payroll core's lines and batches for `lines` synthetic month rows, in memory: how long, how many batches. */
function dryRunBatches(lines: number, program: SubsidyProgram, period: string, batchSize: number): { batches: number; ms: number } {
  const started = performance.now();
  const rows: PayrollMonthRow[] = [];
  for (let n = 0; n < lines; n++) rows.push({ enrolmentId: `dry-${String(n).padStart(7, '0')}`, personId: `p-${n}`, program, month: period, amountFen: 10_000, status: 'PAYABLE' });
  const batches = batchLines(payrollLines(rows, program, period), batchSize).length;
  return { batches, ms: Math.round(performance.now() - started) };
}

async function waitForStage(api: Api, payrollId: string, stage: string, timeoutMs: number): Promise<PayrollView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await api.request<PayrollView>('GET', `/v1/payrolls/${encodeURIComponent(payrollId)}`, api.tokens.civil);
    if (view.stage === stage || Date.now() > deadline) return view;
    await sleep(200);
  }
}

export async function runPayrollScenario(ctx: BenchContext): Promise<PayrollFigures> {
  const { options, progress, db, config } = ctx;
  const api = ctx.flow.api;
  if (!api || !ctx.floorWorker) throw new Error('the payroll scenario needs the API and the floor worker');
  const lines = options.payrollLines;
  const batchSize = config.subsidy.payrollBatchSize;
  const policy = loadSubsidyPolicy(config.subsidy.policyFile);

  progress.line(`payroll: seeding ${lines} persons and ${lines} ACTIVE enrolments in each subsidy program…`);
  const seedStarted = performance.now();
  await seedPersons(db, PREFIX.payrollPersons, 0, lines);
  const nursing = await seedActiveEnrolments(db, 'NURSING_SUBSIDY', policy, PREFIX.payrollPersons, lines);
  const living = await seedActiveEnrolments(db, 'LIVING_SUBSIDY', policy, PREFIX.payrollPersons, lines);
  // As after a nightly autovacuum: the payroll's queries are planned on the real sizes too.
  await sql`analyze persons, enrolments`.execute(db);
  const seedMs = Math.round(performance.now() - seedStarted);
  const period = nursing.firstMonth;
  const standard = [...policy.standards].reverse().find((s) => s.from <= period)!;
  // Independently of the payroll: one month per enrolment at the standard in force (grade 1).
  const expectedPaidFen = lines * standard.NURSING_SUBSIDY['1']!;

  const roots = () => processRoots(ctx);
  const apiClient: Api = { request: (m, p, t, b, e) => api.request(m, p, t, b, e), tokens: api.tokens };
  progress.line(`payroll: opening NURSING_SUBSIDY ${period} through the API (the roster is built from ${lines} enrolments)…`);
  const openStarted = performance.now();
  const opened = await api.request<PayrollView>('POST', '/v1/payrolls', api.tokens.civil, { program: 'NURSING_SUBSIDY', period }, [201]);
  const openMs = Math.round(performance.now() - openStarted);
  if (opened.totals.lines !== lines) throw new Error(`payroll opened with ${opened.totals.lines} lines, ${lines} expected`);
  const id = encodeURIComponent(opened.payrollId);
  await api.request<PayrollView>('POST', `/v1/payrolls/${id}/submit`, api.tokens.civil);

  progress.line(`payroll: approving (finance) and waiting for RECONCILED…`);
  const payrollCpu = new CpuMeter(roots);
  const rssBefore = ctx.caseWorker.process.memory()?.rssMiB ?? 0;
  const rss = new RssSampler(ctx.caseWorker.process);
  payrollCpu.start();
  const started = performance.now();
  await api.request<PayrollView>('POST', `/v1/payrolls/${id}/approve`, api.tokens.finance);
  await ctx.temporal.workflow.getHandle(opened.payrollId).result();
  const wallMs = performance.now() - started;
  payrollCpu.stop();
  const workerRssMiB = { before: rssBefore, peak: rss.stop() };
  const done = await waitForStage(apiClient, opened.payrollId, 'RECONCILED', 10_000);
  if (done.stage !== 'RECONCILED') throw new Error(`payroll ${opened.payrollId} finished in ${done.stage}`);
  const batches = Math.ceil(lines / batchSize);
  const payroll = { ...variant(lines, batches, wallMs, payrollCpu), history: await payrollHistory(ctx.temporal, opened.payrollId), paidFen: done.totals.paidFen, expectedPaidFen };
  progress.line(`payroll: ${payroll.linesPerSecond} lines/s, ${payroll.history.totalEvents} history events in ${payroll.history.runs} run(s)`);

  await sleep(options.quietMs);
  const floorCpu = new CpuMeter(roots);
  const floorRun = await runFloorPayroll(ctx, `bench-floor-${lines}`, batches, floorCpu);
  const floor = { ...variant(lines, batches, floorRun.wallMs, floorCpu), history: floorRun.history };
  progress.line(`payroll floor: ${floor.linesPerSecond} lines/s, ${floor.history.totalEvents} history events`);

  await sleep(options.quietMs);
  const rawCpu = new CpuMeter(roots);
  const livingStandard = standard.LIVING_SUBSIDY;
  const raw = await runRawSqlPayroll(db, living.program, living.firstMonth, livingStandard, batchSize, rawCpu);
  if (raw.lines !== lines || raw.paidFen !== lines * livingStandard) throw new Error(`raw SQL payroll paid ${raw.paidFen} fen for ${raw.lines} lines, expected ${lines * livingStandard} for ${lines}`);
  const rawSql = { ...variant(raw.lines, raw.batches, raw.wallMs, rawCpu), paidFen: raw.paidFen };
  progress.line(`payroll raw SQL: ${rawSql.linesPerSecond} lines/s`);

  const dry = dryRunBatches(options.payrollDryRunLines, 'NURSING_SUBSIDY', period, batchSize);
  progress.line(`payroll dry run: ${options.payrollDryRunLines} lines → ${dry.batches} batches in ${dry.ms} ms; the floor's history for them…`);
  const dryFloor = await runFloorPayroll(ctx, `bench-dry-${options.payrollDryRunLines}`, dry.batches);
  // What the payroll's history holds beyond the floor's at N lines (opening, submission, the approval's own events) carries over unchanged.
  const beforeApproval = payroll.history.totalEvents - floor.history.totalEvents;
  return {
    lines,
    batchSize,
    seedMs,
    openMs,
    payroll,
    workerRssMiB,
    floor,
    rawSql,
    dryRun: {
      lines: options.payrollDryRunLines,
      batches: dry.batches,
      linesAndBatchesMs: dry.ms,
      floorHistoryEvents: dryFloor.history.totalEvents,
      estimatedPayrollHistoryEvents: dryFloor.history.totalEvents + beforeApproval,
      estimatedLongestRunEvents: Math.min(dryFloor.history.totalEvents + beforeApproval, PAYROLL_RUN_EVENTS_AT_MOST),
    },
  };
}
