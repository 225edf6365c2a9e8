/**
 * Scenario 4: many cases opened and left waiting in AWAITING_ADMISSION. The case worker is
 * restarted first (earlier scenarios leave open cases in its cache), warmed up with a few
 * complete cases, and its idle RSS taken; then the cases are opened and screened through the API,
 * and its RSS taken again once it is quiet. Then subsidy enrolments are applied for through the
 * API and left waiting for the town's review (their persons loaded straight into the registry),
 * and the RSS taken a third time: what one worker holds with every program's items open. Then
 * the reads an administrator and an officer make, against a plain visibility count of the
 * running items of every program.
 */
import type { CaseView } from '../../programs/surgery/domain/schemas';
import { CASE_WORKFLOW_TYPE } from '../../programs/surgery/workflow/definitions';
import { ENROLMENT_WORKFLOW_TYPE } from '../../programs/subsidy/workflow/definitions';
import { runBatch } from '../support/batch';
import { RssSampler, type MemorySample } from '../support/children';
import { PREFIX, type BenchContext } from '../support/context';
import { screeningOk, TOWNS } from '../support/case-data';
import { benchPersonId, seedPersons } from '../support/registry-seed';
import { clientLifecycle, HTTP_STEPS } from '../support/flows';
import { Latencies, median, ratio, summarize, type LatencySummary } from '../support/stats';
import type { WorkerOptionsInForce } from '../support/services';

export interface OpenCasesFigures {
  openCases: number;
  /** Enrolments applied for and left in TOWN_REVIEW besides the cases (0: none). */
  openEnrolments: number;
  worker: WorkerOptionsInForce;
  /** `open`: with every item open (cases and enrolments); `casesOnly`: before the enrolments. */
  rssMiB: { idle: number; open: number; casesOnly: number; peakWhileOpening: number };
  opening: { wallMs: number; casesPerSecond: number; failed: number; firstErrors: string[] };
  enrolling: { wallMs: number; enrolmentsPerSecond: number; failed: number; firstErrors: string[] } | null;
  /** Running case and enrolment workflows visibility counts (all of them, not only this scenario's). */
  runningWorkflows: number;
  latencyMs: { stuck: LatencySummary; filteredList: LatencySummary; visibilityCount: LatencySummary };
  filteredListQuery: string;
  visibilityCountQuery: string;
  stuckItems: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Persons of the open enrolments: their own range of bench ID numbers (the registry scenario's starts at 1,500,000). */
const FIRST_ENROLMENT_PERSON = 3_100_000;

/** The median of a few samples a quarter of a second apart: one sample can catch a GC in the middle. */
async function steadyRss(sample: () => MemorySample | undefined): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < 9; i++) {
    const memory = sample();
    if (memory) values.push(memory.rssMiB);
    await sleep(250);
  }
  return median(values);
}

export async function runOpenCasesScenario(ctx: BenchContext): Promise<OpenCasesFigures> {
  const { openCases: count, concurrency, warmupCases, readCalls } = ctx.options;
  ctx.progress.line(`open-cases: ${count} cases left in AWAITING_ADMISSION`);

  await ctx.caseWorker.process.stop();
  ctx.caseWorker = await ctx.services.startCaseWorker();
  const worker = ctx.caseWorker;
  ctx.progress.line(`  fresh case worker (pid ${worker.process.pid}): maxCachedWorkflows ${worker.options.maxCachedWorkflows}, heap limit ${worker.options.heapSizeLimitMiB} MiB`);
  let warm = 0;
  const warmup = await runBatch(ctx.progress, 'warm-up (complete cases)', warmupCases, concurrency, () => clientLifecycle(ctx.flow, 'client', new Latencies(), PREFIX.openWarmup, warm++));
  if (warmup.failed > 0) throw new Error(`open-cases warm-up failed: ${warmup.firstErrors[0]}`);
  await sleep(ctx.options.quietMs);
  const idle = await steadyRss(() => worker.process.memory());
  ctx.progress.line(`  worker RSS idle: ${idle} MiB`);

  // Opened through the API one by one, then screened: the same calls an officer's system makes.
  const sampler = new RssSampler(worker.process);
  const api = ctx.flow.api!;
  const started = performance.now();
  const opening = await runBatch(ctx.progress, 'open + screening (HTTP API)', count, concurrency, async (i) => {
    const t0 = performance.now();
    const body = ctx.flow.factory.newCase(PREFIX.open, i);
    await api.request<CaseView>('POST', '/v1/cases', api.tokens.officer, body, [201]);
    const view = await api.request<CaseView>('POST', `/v1/cases/${body.caseId}/screening`, api.tokens.officer, screeningOk);
    if (view.stage !== 'AWAITING_ADMISSION') throw new Error(`${body.caseId}: stage ${view.stage} after screening`);
    return performance.now() - t0;
  });
  const openingMs = performance.now() - started;
  await sleep(ctx.options.quietMs);
  const casesOnly = await steadyRss(() => worker.process.memory());
  ctx.progress.line(`  worker RSS with ${count} cases open: ${casesOnly} MiB`);

  // Enrolments, as a town's desk applies: one POST each, the application checked and stored by the enrolment's workflow.
  const enrolments = ctx.options.openEnrolments;
  let enrolling: OpenCasesFigures['enrolling'] = null;
  let open = casesOnly;
  if (enrolments > 0) {
    await seedPersons(ctx.db, PREFIX.openEnrolmentPersons, FIRST_ENROLMENT_PERSON, enrolments, (done) => ctx.progress.update(`  registry: ${done}/${enrolments} persons`));
    const enrollingStarted = performance.now();
    const applied = await runBatch(ctx.progress, 'apply for a subsidy (HTTP API)', enrolments, concurrency, async (i) => {
      const t0 = performance.now();
      const personId = benchPersonId(PREFIX.openEnrolmentPersons, FIRST_ENROLMENT_PERSON + i);
      const bankAccount = { bank: '农村信用社凉州支行', accountNo: `62284${String(FIRST_ENROLMENT_PERSON + i).padStart(14, '0')}` };
      const program = i % 2 === 0 ? 'NURSING_SUBSIDY' : 'LIVING_SUBSIDY';
      await api.request('POST', '/v1/enrolments', api.tokens.officer, { enrolmentId: `${PREFIX.openEnrolment}-${ctx.flow.factory.runTag}-${i}`, program, personId, appliedOn: '2026-11-02', bankAccount }, [201]);
      return performance.now() - t0;
    });
    const enrollingMs = performance.now() - enrollingStarted;
    enrolling = { wallMs: Math.round(enrollingMs), enrolmentsPerSecond: Number(((applied.completed / enrollingMs) * 1000).toFixed(1)), failed: applied.failed, firstErrors: applied.firstErrors };
    await sleep(ctx.options.quietMs);
    open = await steadyRss(() => worker.process.memory());
    ctx.progress.line(`  worker RSS with ${count} cases and ${applied.completed} enrolments open: ${open} MiB`);
  }
  const peakWhileOpening = sampler.stop();
  ctx.progress.line(`  worker RSS peak while opening: ${peakWhileOpening} MiB`);

  // The reads, interleaved so that any noise falls on all three alike.
  const town = TOWNS[0];
  const filteredListQuery = `stage=AWAITING_ADMISSION&town=${town}&limit=50`;
  const listPath = `/v1/cases?stage=AWAITING_ADMISSION&town=${encodeURIComponent(town)}&limit=50`;
  const visibilityCountQuery = `WorkflowType IN ('${CASE_WORKFLOW_TYPE}', '${ENROLMENT_WORKFLOW_TYPE}') AND ExecutionStatus = 'Running'`;
  const latencies = new Latencies();
  let stuckItems = 0;
  let runningWorkflows = 0;
  for (let i = 0; i < readCalls; i++) {
    const stuck = await latencies.time('stuck', () => api.request<{ items: unknown[] }>('GET', '/v1/admin/stuck', api.tokens.admin));
    stuckItems = stuck.items.length;
    const page = await latencies.time('list', () => api.request<{ items: CaseView[] }>('GET', listPath, api.tokens.officer));
    if (page.items.length === 0 && count >= TOWNS.length) throw new Error(`GET ${listPath} found no case`);
    const counted = await latencies.time('count', () => ctx.temporal.workflow.count(visibilityCountQuery));
    runningWorkflows = counted.count;
    ctx.progress.update(`  reads: ${i + 1}/${readCalls}`);
  }
  const figures: OpenCasesFigures = {
    openCases: count,
    openEnrolments: enrolments,
    worker: worker.options,
    rssMiB: { idle, open, casesOnly, peakWhileOpening },
    opening: { wallMs: Math.round(openingMs), casesPerSecond: Number(((opening.completed / openingMs) * 1000).toFixed(1)), failed: opening.failed, firstErrors: opening.firstErrors },
    enrolling,
    runningWorkflows,
    latencyMs: { stuck: summarize(latencies.get('stuck')), filteredList: summarize(latencies.get('list')), visibilityCount: summarize(latencies.get('count')) },
    filteredListQuery,
    visibilityCountQuery,
    stuckItems,
  };
  ctx.progress.line(
    `  GET /v1/admin/stuck p95 ${figures.latencyMs.stuck.p95} ms, ${HTTP_STEPS.read.replace('/{id}', '')}?${filteredListQuery} p95 ${figures.latencyMs.filteredList.p95} ms, ` +
      `visibility count p95 ${figures.latencyMs.visibilityCount.p95} ms; worker RSS ${ratio(open, idle)} × idle`,
  );
  return figures;
}
