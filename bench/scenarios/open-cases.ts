/**
 * Scenario 4: many cases opened and left waiting in AWAITING_ADMISSION. The case worker is
 * restarted first (earlier scenarios leave open cases in its cache), warmed up with a few
 * complete cases, and its idle RSS taken; then the cases are opened and screened through the API,
 * and its RSS taken again once it is quiet. Then
 * the reads an administrator and an officer make, against a plain visibility count.
 */
import type { CaseView } from '../../programs/surgery/domain/schemas';
import { CASE_WORKFLOW_TYPE } from '../../programs/surgery/workflow/definitions';
import { runBatch } from '../support/batch';
import { RssSampler, type MemorySample } from '../support/children';
import { PREFIX, type BenchContext } from '../support/context';
import { screeningOk, TOWNS } from '../support/case-data';
import { clientLifecycle, HTTP_STEPS } from '../support/flows';
import { Latencies, median, ratio, summarize, type LatencySummary } from '../support/stats';
import type { WorkerOptionsInForce } from '../support/services';

export interface OpenCasesFigures {
  openCases: number;
  worker: WorkerOptionsInForce;
  rssMiB: { idle: number; open: number; peakWhileOpening: number };
  opening: { wallMs: number; casesPerSecond: number; failed: number; firstErrors: string[] };
  /** Running case workflows visibility counts (all of them, not only this scenario's). */
  runningWorkflows: number;
  latencyMs: { stuck: LatencySummary; filteredList: LatencySummary; visibilityCount: LatencySummary };
  filteredListQuery: string;
  visibilityCountQuery: string;
  stuckItems: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
  const open = await steadyRss(() => worker.process.memory());
  const peakWhileOpening = sampler.stop();
  ctx.progress.line(`  worker RSS with ${count} open: ${open} MiB (peak while opening ${peakWhileOpening} MiB)`);

  // The reads, interleaved so that any noise falls on all three alike.
  const town = TOWNS[0];
  const filteredListQuery = `stage=AWAITING_ADMISSION&town=${town}&limit=50`;
  const listPath = `/v1/cases?stage=AWAITING_ADMISSION&town=${encodeURIComponent(town)}&limit=50`;
  const visibilityCountQuery = `WorkflowType = '${CASE_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running'`;
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
    worker: worker.options,
    rssMiB: { idle, open, peakWhileOpening },
    opening: { wallMs: Math.round(openingMs), casesPerSecond: Number(((opening.completed / openingMs) * 1000).toFixed(1)), failed: opening.failed, firstErrors: opening.firstErrors },
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
