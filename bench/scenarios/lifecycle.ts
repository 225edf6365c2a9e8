/**
 * Scenarios 1 and 2: the case flow through the API (lifecycle), the floor workflow and the case
 * workflow driven by the Temporal client (floor), on the same server, in the same run, with the
 * same number of cases and the same concurrency.
 *
 * The machine is shared and its load drifts, so the variants are interleaved: two rounds of half
 * the cases each, in the order A B C then C B A, which cancels a steady drift between them.
 * Each variant gets a short unrecorded warm-up first.
 */
import { putSandboxPayerSetting, PAYER_UP } from '../../programs/surgery/store/sandbox-payers';
import { PAYERS } from '../../programs/surgery/domain/stages';
import type { CaseView } from '../../programs/surgery/domain/schemas';
import { mergeRounds, runRound, type BatchResult, type BatchRound } from '../support/batch';
import { RssSampler } from '../support/children';
import { PREFIX, processRoots, type BenchContext } from '../support/context';
import { CpuMeter } from '../support/cpu';
import { clientLifecycle, HOSPITAL_TRANSITIONS, HTTP_STEPS, httpLifecycle, UPDATE_STEPS } from '../support/flows';
import { historyCost, rowCost, type HistoryCost, type RowCost } from '../support/inspect';
import { NO_FEATURES, type FloorFeatures } from '../floor/shared';
import { runPool } from '../support/progress';
import { Latencies, percentile, ratio, type LatencySummary } from '../support/stats';

export interface LifecycleFigures extends BatchResult {
  latencyMs: Record<string, LatencySummary>;
  /** The three hospital transitions through the API, pooled. */
  hospitalTransitionP99Ms: number;
  history: HistoryCost;
  dbRowsPerCase: RowCost;
  peakRssMiB: { worker: number; api: number };
  /** CPU milliseconds per case by process (embedded servers only), during the timed rounds. */
  cpuMsPerCase: Record<string, number>;
  /** Cases read back through GET /v1/cases/{id} after the timed rounds: SETTLED, nothing owed. */
  verifiedSettled: number;
}

export interface DrivenFigures extends BatchResult {
  updateLatencyMs: Record<string, LatencySummary>;
  /** The same three hospital transitions as raw updates, pooled. */
  hospitalTransitionP99Ms: number;
  history: HistoryCost;
  peakWorkerRssMiB: number;
  cpuMsPerCase: Record<string, number>;
}

export interface LifecycleResults {
  lifecycle?: LifecycleFigures;
  /** `twin`: the engine twin (the case workflow's history with empty bodies), for caseOverTwin; full runs only. */
  floor?: { floor: DrivenFigures; clientDriven: DrivenFigures; twin?: DrivenFigures };
}

/** Every engine feature the case workflow uses, bodies empty: its history event for event. */
const ENGINE_TWIN: FloorFeatures = { localActivities: true, slaTimers: true, searchAttributes: true, policyActivity: true };

type VariantName = 'floor' | 'client' | 'http' | `floor+${string}` | 'engine twin';

interface Variant {
  name: VariantName;
  label: string;
  prefix: string;
  latencies: Latencies;
  rounds: BatchRound[];
  peakRss: Record<string, number>;
  cpu: CpuMeter;
  flow: (latencies: Latencies, prefix: string, index: number) => Promise<number>;
}

const p99 = (samples: number[]) => percentile([...samples].sort((a, b) => a - b), 99);

function caseIds(ctx: BenchContext, prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => ctx.flow.factory.caseId(prefix, i));
}

function variants(ctx: BenchContext, want: { lifecycle: boolean; floor: boolean }): Variant[] {
  const make = (name: VariantName, label: string, prefix: string, flow: Variant['flow']): Variant => ({
    name,
    label,
    prefix,
    flow,
    latencies: new Latencies(),
    rounds: [],
    peakRss: {},
    cpu: new CpuMeter(() => processRoots(ctx)),
  });
  const list: Variant[] = [];
  if (want.floor) {
    list.push(make('floor', 'floor workflow (client)', PREFIX.floor, (l, p, i) => clientLifecycle(ctx.flow, 'floor', l, p, i)));
    list.push(make('client', 'case workflow (client)', PREFIX.client, (l, p, i) => clientLifecycle(ctx.flow, 'client', l, p, i)));
    // Full runs only: a fourth variant takes --quick past its two minutes on a shared machine.
    if (!ctx.options.quick) list.push(make('engine twin', 'engine twin (client)', PREFIX.twin, (l, p, i) => clientLifecycle(ctx.flow, 'floor', l, p, i, ENGINE_TWIN)));
  }
  if (want.lifecycle) list.push(make('http', 'lifecycle (HTTP API)', PREFIX.lifecycle, (l, p, i) => httpLifecycle(ctx.flow, l, p, i)));
  return list;
}

/** The processes whose RSS a variant's rounds are sampled for. */
function watched(ctx: BenchContext, variant: Variant) {
  if (variant.name.startsWith('floor') || variant.name === 'engine twin') return { worker: ctx.floorWorker!.process };
  if (variant.name === 'client') return { worker: ctx.caseWorker.process };
  return { worker: ctx.caseWorker.process, api: ctx.api!.process };
}

async function runVariantRound(ctx: BenchContext, variant: Variant, round: number, from: number, count: number): Promise<void> {
  // Unmeasured: the previous round's processes finish their garbage collection on their own time.
  await new Promise((r) => setTimeout(r, ctx.options.quietMs));
  const samplers = Object.entries(watched(ctx, variant)).map(([role, child]) => [role, new RssSampler(child)] as const);
  variant.cpu.start();
  const result = await runRound(ctx.progress, `${variant.label}, round ${round}`, { from, count }, ctx.options.concurrency, (i) => variant.flow(variant.latencies, variant.prefix, i));
  variant.cpu.stop();
  for (const [role, sampler] of samplers) variant.peakRss[role] = Math.max(variant.peakRss[role] ?? 0, sampler.stop());
  variant.rounds.push(result);
}

async function drivenFigures(ctx: BenchContext, variant: Variant): Promise<DrivenFigures> {
  const batch = mergeRounds(variant.rounds);
  return {
    ...batch,
    updateLatencyMs: variant.latencies.summaries(),
    hospitalTransitionP99Ms: p99(variant.latencies.pooled(HOSPITAL_TRANSITIONS.map((t) => UPDATE_STEPS[t]))),
    history: await historyCost(ctx.temporal, caseIds(ctx, variant.prefix, batch.cases)),
    peakWorkerRssMiB: variant.peakRss.worker ?? 0,
    cpuMsPerCase: variant.cpu.perCase(batch.completed),
  };
}

async function lifecycleFigures(ctx: BenchContext, variant: Variant): Promise<LifecycleFigures> {
  const batch = mergeRounds(variant.rounds);
  // Outside the timed rounds: read every case back, as a person would, and check the money.
  const api = ctx.flow.api!;
  let verifiedSettled = 0;
  await runPool(batch.cases, ctx.options.concurrency, async (i) => {
    const caseId = ctx.flow.factory.caseId(variant.prefix, i);
    const view = await variant.latencies.time(HTTP_STEPS.read, () => api.request<CaseView>('GET', `/v1/cases/${caseId}`, api.tokens.officer)).catch(() => undefined);
    if (view?.stage === 'SETTLED' && view.reimbursement?.outOfPocketFen === 0) verifiedSettled++;
  });
  return {
    ...batch,
    latencyMs: variant.latencies.summaries(),
    hospitalTransitionP99Ms: p99(variant.latencies.pooled(HOSPITAL_TRANSITIONS.map((t) => HTTP_STEPS[t]))),
    history: await historyCost(ctx.temporal, caseIds(ctx, variant.prefix, batch.cases)),
    dbRowsPerCase: await rowCost(ctx.db, `${variant.prefix}-`, batch.cases),
    peakRssMiB: { worker: variant.peakRss.worker ?? 0, api: variant.peakRss.api ?? 0 },
    cpuMsPerCase: variant.cpu.perCase(batch.completed),
    verifiedSettled,
  };
}

let warmupSerial = 0;

/** A warm-up per variant, then two rounds of half the cases each: A B C …, then … C B A. */
async function runInterleaved(ctx: BenchContext, list: readonly Variant[]): Promise<void> {
  const { cases, concurrency, warmupCases } = ctx.options;
  for (const variant of list) {
    const round = await runRound(ctx.progress, `warm-up ${variant.label}`, { from: 0, count: warmupCases }, concurrency, () =>
      variant.flow(new Latencies(), PREFIX.warmup, warmupSerial++),
    );
    if (round.failed > 0) throw new Error(`warm-up of ${variant.label} failed: ${round.errors[0] ?? 'unknown'}`);
  }
  const firstHalf = Math.ceil(cases / 2);
  for (const variant of list) await runVariantRound(ctx, variant, 1, 0, firstHalf);
  if (cases > firstHalf) {
    for (const variant of [...list].reverse()) await runVariantRound(ctx, variant, 2, firstHalf, cases - firstHalf);
  }
}

export interface LadderRung {
  name: string;
  features: FloorFeatures | 'case workflow';
  casesPerSecond: number;
  overFloor: number | null;
  /** Floor CPU per case ÷ this rung's: what the throughput ratio tends to on a saturated machine, far less noisy. */
  cpuOverFloor: number | null;
  settleMs: LatencySummary;
  history: HistoryCost;
  cpuMsPerCase: Record<string, number>;
  failed: number;
}

/**
 * Not one of the scenarios: an analysis aid. The floor, then the floor with the engine
 * features the case workflow uses added back (local activities; then also timers, search
 * attributes and the policy activity: the "engine twin", bodies still empty), then the case
 * workflow itself, all driven by the Temporal client. The steps say which part of the gap between
 * the floor and the case workflow is the engine's usage pattern and which is our code's work.
 */
export async function runLadderScenario(ctx: BenchContext): Promise<LadderRung[]> {
  const withLocal = { ...NO_FEATURES, localActivities: true };
  const rungs: Array<{ name: VariantName; prefix: string; features: FloorFeatures | 'case workflow' }> = [
    { name: 'floor', prefix: 'LF', features: NO_FEATURES },
    { name: 'floor+localActivities', prefix: 'LL', features: withLocal },
    { name: 'floor+localActivities+slaTimers', prefix: 'LS', features: { ...withLocal, slaTimers: true } },
    { name: 'floor+localActivities+searchAttributes', prefix: 'LA', features: { ...withLocal, searchAttributes: true } },
    { name: 'floor+localActivities+policyActivity', prefix: 'LP', features: { ...withLocal, policyActivity: true } },
    { name: 'engine twin', prefix: 'LT', features: ENGINE_TWIN },
    { name: 'client', prefix: 'LC', features: 'case workflow' },
  ];
  const list: Variant[] = rungs.map(({ name, prefix, features }) => ({
    name,
    label: features === 'case workflow' ? 'case workflow (client)' : name,
    prefix,
    latencies: new Latencies(),
    rounds: [],
    peakRss: {},
    cpu: new CpuMeter(() => processRoots(ctx)),
    flow: features === 'case workflow'
      ? (l, p, i) => clientLifecycle(ctx.flow, 'client', l, p, i)
      : (l, p, i) => clientLifecycle(ctx.flow, 'floor', l, p, i, features),
  }));
  ctx.progress.line(`ladder: ${ctx.options.cases} cases per rung, ${ctx.options.concurrency} at a time: ${list.map((v) => v.name).join(' → ')}`);
  await runInterleaved(ctx, list);
  const floorBatch = mergeRounds(list[0]!.rounds);
  const floorRate = floorBatch.casesPerSecond;
  const floorCpu = list[0]!.cpu.perCase(floorBatch.completed).total ?? 0;
  const result: LadderRung[] = [];
  for (const [i, variant] of list.entries()) {
    const batch = mergeRounds(variant.rounds);
    result.push({
      name: variant.label,
      features: rungs[i]!.features,
      casesPerSecond: batch.casesPerSecond,
      overFloor: floorRate > 0 ? Number((batch.casesPerSecond / floorRate).toFixed(3)) : null,
      cpuOverFloor: ratio(floorCpu, variant.cpu.perCase(batch.completed).total),
      settleMs: batch.settleMs,
      history: await historyCost(ctx.temporal, caseIds(ctx, variant.prefix, batch.cases)),
      cpuMsPerCase: variant.cpu.perCase(batch.completed),
      failed: batch.failed,
    });
  }
  return result;
}

export async function runLifecycleScenarios(ctx: BenchContext, want: { lifecycle: boolean; floor: boolean }): Promise<LifecycleResults> {
  const { cases, concurrency, warmupCases } = ctx.options;
  // "Sandbox payers without latency", whatever an earlier run on this database left behind.
  for (const payer of PAYERS) await putSandboxPayerSetting(ctx.db, payer, PAYER_UP);
  const list = variants(ctx, want);
  ctx.progress.line(`lifecycle/floor: ${cases} cases per variant, ${concurrency} at a time, in two rounds (${list.map((v) => v.name).join(' → ')}, then back); warm-up ${warmupCases} each`);

  await runInterleaved(ctx, list);

  const byName = (name: VariantName) => list.find((v) => v.name === name);
  const results: LifecycleResults = {};
  if (want.floor) results.floor = { floor: await drivenFigures(ctx, byName('floor')!), clientDriven: await drivenFigures(ctx, byName('client')!), ...(byName('engine twin') ? { twin: await drivenFigures(ctx, byName('engine twin')!) } : {}) };
  if (want.lifecycle) results.lifecycle = await lifecycleFigures(ctx, byName('http')!);
  return results;
}
