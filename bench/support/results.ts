/**
 * The result of a run: JSON for comparing commits (`ratios` and `scenarios` at the top), and a
 * Markdown section appended to bench/RESULTS.md with the machine, the versions and which goals
 * were met.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchOptions } from '../options';
import { isMeasured, type FailedRoster, type RosterFigures } from '../scenarios/import';
import type { LadderRung, LifecycleResults } from '../scenarios/lifecycle';
import type { OpenCasesFigures } from '../scenarios/open-cases';
import type { PayrollFigures } from '../scenarios/payroll';
import type { PeerFigures } from '../scenarios/peer';
import type { RegistryFigures } from '../scenarios/registry';
import type { LifeEventFigures } from '../scenarios/life-events';
import { PROJECT_ROOT } from './children';
import { ratio, type LatencySummary } from './stats';

export const RESULTS_FILE = path.join(PROJECT_ROOT, 'bench', 'RESULTS.md');

export interface RunMeta {
  date: string;
  commit: string;
  /** Top-level folders with uncommitted changes when the run started. */
  uncommitted: string[];
  mode: 'quick' | 'full';
  scenarios: string[];
  machine: { cores: number; cpu: string; memoryGiB: number; os: string };
  node: string;
  temporalCli: string | null;
  temporalServer: string | null;
  embedded: { temporal: boolean; postgres: boolean };
  options: Pick<BenchOptions, 'cases' | 'concurrency' | 'warmupCases' | 'importRosters' | 'openCases' | 'openEnrolments' | 'readCalls' | 'workerTuning'>;
  caseWorker: Record<string, unknown> | null;
  note: string | null;
}

export interface Ratios {
  lifecycleOverFloor: number | null;
  /** Floor CPU ms per case ÷ lifecycle's (all processes): the same comparison, robust to a noisy machine. */
  lifecycleOverFloorByCpu: number | null;
  lifecycleOverClientDriven: number | null;
  importOverPlainStart: number | null;
  rssOpenOverIdle: number | null;
  stuckOverCount: number | null;
  transitionP99OverRawUpdate: number | null;
  /** Engine twin CPU ms per case ÷ the case workflow's (both client-driven): our code's overhead over the engine usage it needs. */
  caseOverTwin: number | null;
  /** The same two by cases/s (information: noisier). */
  caseOverTwinThroughput: number | null;
  /** Payroll lines/s, approval → RECONCILED ÷ the floor payroll's (the same batches as empty activities). */
  payrollOverFloor: number | null;
  /** Payroll lines/s ÷ plain SQL doing the same disbursement in the same batches. */
  payrollOverRawSql: number | null;
  /** History events of the payroll workflow's longest run (not a ratio: the goal is a bound). */
  payrollHistoryEvents: number | null;
  /** POST /v1/persons/lookup p99 ÷ a raw SELECT on the blind index's p99, with the registry loaded. */
  registryLookupP99OverRawSelect: number | null;
  /** A life event through the API (every open item of a person) ÷ the same Updates sent directly, median time per person. */
  lifeEventFanoutOverUpdates: number | null;
  /** Lifecycle cases/s ÷ the case flow as plain SQL transactions (the peer scenario). */
  lifecycleOverRawSql: number | null;
  /** Peer CPU ms per case ÷ the lifecycle's. */
  lifecycleOverRawSqlByCpu: number | null;
}

export interface Scenarios {
  lifecycle?: LifecycleResults['lifecycle'];
  floor?: LifecycleResults['floor'];
  import?: { rosters: Array<RosterFigures | FailedRoster> };
  'open-cases'?: OpenCasesFigures;
  ladder?: LadderRung[];
  payroll?: PayrollFigures;
  peer?: PeerFigures;
  registry?: RegistryFigures;
  'life-events'?: LifeEventFigures;
}

export interface BenchResult {
  meta: RunMeta;
  ratios: Ratios;
  goals: Record<keyof typeof GOALS, { target: string; ratio: number | null; met: boolean | null }>;
  scenarios: Scenarios;
  /** Anything that makes the figures untrustworthy (failed cases, missing rows); empty when sane. */
  problems: string[];
}

const GOALS = {
  caseOverTwin: { target: '≥ 0.85', met: (r: number) => r >= 0.85, label: 'case workflow ÷ engine twin, by CPU per case' },
  payrollOverFloor: { target: '≥ 0.7', met: (r: number) => r >= 0.7, label: 'payroll ÷ floor payroll, lines/s (approval → RECONCILED)' },
  payrollOverRawSql: { target: '≥ 0.5', met: (r: number) => r >= 0.5, label: 'payroll ÷ plain SQL disbursement, lines/s' },
  registryLookupP99OverRawSelect: { target: '≤ 1.5', met: (r: number) => r <= 1.5, label: 'POST /v1/persons/lookup p99 ÷ raw indexed SELECT p99' },
  lifeEventFanoutOverUpdates: { target: '≤ 1.3', met: (r: number) => r <= 1.3, label: 'life event through the API ÷ the same Updates sent directly, time' },
  payrollHistoryEvents: { target: '< 2000', met: (r: number) => r < 2000, label: 'payroll workflow history events (longest run)' },
  importOverPlainStart: { target: '≤ 1.2', met: (r: number) => r <= 1.2, label: '433-row import ÷ plain start loop, time' },
  rssOpenOverIdle: { target: '≤ 1.5', met: (r: number) => r <= 1.5, label: 'worker RSS with the cases and enrolments open ÷ idle' },
  stuckOverCount: { target: '≤ 2', met: (r: number) => r <= 2, label: 'GET /v1/admin/stuck p95 ÷ visibility count p95' },
  transitionP99OverRawUpdate: { target: '≤ 1.5', met: (r: number) => r <= 1.5, label: 'hospital transition p99, API ÷ raw update' },
} as const;

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trimEnd();
  } catch {
    return '';
  }
}

export function collectMeta(options: BenchOptions, versions: { temporalCli: string | null; temporalServer: string | null; embedded: RunMeta['embedded'] }): RunMeta {
  const changed = git(['status', '--porcelain', '--', 'programs', 'store', 'http', 'bin', 'api', 'worker', 'domain', 'config', 'bench', 'package.json'])
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3).split('/')[0]!);
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    commit: git(['rev-parse', '--short', 'HEAD']) || 'unknown',
    uncommitted: [...new Set(changed)].sort(),
    mode: options.quick ? 'quick' : 'full',
    scenarios: options.scenarios,
    machine: { cores: cpus.length, cpu: cpus[0]?.model.trim() ?? 'unknown', memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)), os: `${os.type()} ${os.release()}` },
    node: process.version,
    temporalCli: versions.temporalCli,
    temporalServer: versions.temporalServer,
    embedded: versions.embedded,
    options: {
      cases: options.cases,
      concurrency: options.concurrency,
      warmupCases: options.warmupCases,
      importRosters: options.importRosters,
      openCases: options.openCases,
      openEnrolments: options.openEnrolments,
      readCalls: options.readCalls,
      workerTuning: options.workerTuning,
    },
    caseWorker: null,
    note: options.note ?? null,
  };
}

/** `serversMeasured`: CPU of the Temporal server and PostgreSQL is known (embedded stack) — else no CPU ratio. */
export function computeRatios(scenarios: Scenarios, importOverPlainStart: number | null, serversMeasured: boolean): Ratios {
  const { lifecycle, floor } = scenarios;
  const open = scenarios['open-cases'];
  return {
    lifecycleOverFloor: ratio(lifecycle?.casesPerSecond, floor?.floor.casesPerSecond),
    lifecycleOverFloorByCpu: serversMeasured ? ratio(floor?.floor.cpuMsPerCase.total, lifecycle?.cpuMsPerCase.total) : null,
    lifecycleOverClientDriven: ratio(lifecycle?.casesPerSecond, floor?.clientDriven.casesPerSecond),
    importOverPlainStart,
    rssOpenOverIdle: ratio(open?.rssMiB.open, open?.rssMiB.idle),
    stuckOverCount: ratio(open?.latencyMs.stuck.p95, open?.latencyMs.visibilityCount.p95),
    transitionP99OverRawUpdate: ratio(lifecycle?.hospitalTransitionP99Ms, floor?.clientDriven.hospitalTransitionP99Ms),
    caseOverTwin: serversMeasured ? ratio(floor?.twin?.cpuMsPerCase.total, floor?.clientDriven.cpuMsPerCase.total) : null,
    caseOverTwinThroughput: ratio(floor?.clientDriven.casesPerSecond, floor?.twin?.casesPerSecond),
    payrollOverFloor: ratio(scenarios.payroll?.payroll.linesPerSecond, scenarios.payroll?.floor.linesPerSecond),
    payrollOverRawSql: ratio(scenarios.payroll?.payroll.linesPerSecond, scenarios.payroll?.rawSql.linesPerSecond),
    payrollHistoryEvents: scenarios.payroll?.payroll.history.longestRunEvents ?? null,
    registryLookupP99OverRawSelect: ratio(scenarios.registry?.latencyMs.lookup.p99, scenarios.registry?.latencyMs.rawSelect.p99),
    lifeEventFanoutOverUpdates: ratio(scenarios['life-events']?.apiMs.p50, scenarios['life-events']?.directMs.p50),
    lifecycleOverRawSql: ratio(lifecycle?.casesPerSecond, scenarios.peer?.casesPerSecond),
    lifecycleOverRawSqlByCpu: serversMeasured ? ratio(scenarios.peer?.cpuMsPerCase.total, lifecycle?.cpuMsPerCase.total) : null,
  };
}

export function assess(ratios: Ratios): BenchResult['goals'] {
  const goals = {} as BenchResult['goals'];
  for (const [key, goal] of Object.entries(GOALS) as Array<[keyof typeof GOALS, (typeof GOALS)[keyof typeof GOALS]]>) {
    const value = ratios[key];
    goals[key] = { target: goal.target, ratio: value, met: value === null ? null : goal.met(value) };
  }
  return goals;
}

/** What makes a run's numbers untrustworthy; .ci/run fails on these, never on a missed goal. */
export function sanityProblems(scenarios: Scenarios): string[] {
  const problems: string[] = [];
  const batch = (name: string, b: { failed: number; completed: number; casesPerSecond: number; firstErrors: string[] } | undefined) => {
    if (!b) return;
    if (b.failed > 0) problems.push(`${name}: ${b.failed} cases failed (${b.firstErrors[0] ?? 'no message'})`);
    if (!(b.casesPerSecond > 0)) problems.push(`${name}: no throughput`);
  };
  batch('lifecycle', scenarios.lifecycle);
  batch('floor', scenarios.floor?.floor);
  batch('client-driven', scenarios.floor?.clientDriven);
  batch('engine twin', scenarios.floor?.twin);
  batch('peer', scenarios.peer);
  const payroll = scenarios.payroll;
  if (payroll && payroll.payroll.paidFen !== payroll.payroll.expectedPaidFen) problems.push(`payroll: paid ${payroll.payroll.paidFen} fen, expected ${payroll.payroll.expectedPaidFen}`);
  for (const rung of scenarios.ladder ?? []) {
    if (rung.failed > 0) problems.push(`ladder ${rung.name}: ${rung.failed} cases failed`);
  }
  if (scenarios.lifecycle && scenarios.lifecycle.verifiedSettled !== scenarios.lifecycle.completed) {
    problems.push(`lifecycle: only ${scenarios.lifecycle.verifiedSettled} of ${scenarios.lifecycle.completed} cases read back SETTLED with nothing owed`);
  }
  if (scenarios.lifecycle && scenarios.lifecycle.dbRowsPerCase.byTable.case_events === 0) problems.push('lifecycle: no case_events rows');
  for (const roster of scenarios.import?.rosters ?? []) {
    if (!isMeasured(roster)) problems.push(`import of ${roster.rows} rows failed: ${roster.error}`);
  }
  const open = scenarios['open-cases'];
  if (open) {
    if (open.opening.failed > 0) problems.push(`open-cases: ${open.opening.failed} screenings failed (${open.opening.firstErrors[0] ?? ''})`);
    if (open.enrolling && open.enrolling.failed > 0) problems.push(`open-cases: ${open.enrolling.failed} applications failed (${open.enrolling.firstErrors[0] ?? ''})`);
    const opened = open.openCases + (open.openEnrolments);
    if (open.runningWorkflows < opened) problems.push(`open-cases: visibility counts ${open.runningWorkflows} running, fewer than ${opened} opened`);
    if (!(open.rssMiB.idle > 0 && open.rssMiB.open > 0)) problems.push('open-cases: no RSS reading');
  }
  return problems;
}

// ---------- Markdown ----------

const f = (value: number | null | undefined, digits = 2) => (value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits));
const ms = (s: LatencySummary | undefined) => (s ? `${f(s.p50, 0)} / ${f(s.p95, 0)} / ${f(s.p99, 0)}` : '–');
const met = (m: boolean | null) => (m === null ? 'not measured' : m ? '**met**' : '**missed**');

const cpuLine = (cpu: Record<string, number>) =>
  Object.entries(cpu)
    .filter(([role, ms]) => role !== 'total' && ms > 0)
    .map(([role, ms]) => `${role} ${ms}`)
    .join(', ') + ` — total ${cpu.total ?? '–'}`;

export function toMarkdown(result: BenchResult): string {
  const { meta, ratios, goals, scenarios } = result;
  const { lifecycle, floor } = scenarios;
  const open = scenarios['open-cases'];
  const lines: string[] = [];
  const when = meta.date.replace('T', ' ').slice(0, 16);
  lines.push(`## ${when} UTC · ${meta.mode} run (${meta.scenarios.join(', ')}) · commit ${meta.commit}${meta.uncommitted.length ? ` (+ uncommitted: ${meta.uncommitted.join(', ')})` : ''}`);
  lines.push('');
  lines.push(
    `${meta.machine.cores} cores (${meta.machine.cpu}), ${meta.machine.memoryGiB} GiB · Node ${meta.node} · ${meta.temporalCli ?? `Temporal server ${meta.temporalServer ?? '?'}`}` +
      `${meta.embedded.temporal ? ' (dev server, SQLite file)' : ' (TEMPORAL_ADDRESS)'} · ${meta.options.cases} cases per variant, ${meta.options.concurrency} at a time` +
      `${meta.caseWorker ? ` · case worker maxCachedWorkflows ${String(meta.caseWorker.maxCachedWorkflows)}` : ''}` +
      `${Object.keys(meta.options.workerTuning).length ? ` · what-if worker tuning ${JSON.stringify(meta.options.workerTuning)}` : ''}`,
  );
  if (meta.note) lines.push('', `Note: ${meta.note}`);
  lines.push('', '| goal | ratio | measured | target | |', '| --- | --- | --- | --- | --- |');
  const row = (key: keyof typeof GOALS, measured: string) => lines.push(`| ${GOALS[key].label} | ${f(goals[key].ratio)} | ${measured} | ${goals[key].target} | ${met(goals[key].met)} |`);
  const twin = floor?.twin;
  row('caseOverTwin', twin && floor ? `${f(twin.cpuMsPerCase.total, 0)} vs ${f(floor.clientDriven.cpuMsPerCase.total, 0)} CPU ms per case (engine twin vs case workflow)` : '–');
  const measured = (scenarios.import?.rosters ?? []).filter(isMeasured);
  const headline = measured.find((r) => r.rows === 433) ?? measured[0];
  row('importOverPlainStart', headline ? `${f(headline.import.wallMs / 1000)} s vs ${f(headline.plainStart.wallMs / 1000)} s (${headline.rows} rows)` : '–');
  row('rssOpenOverIdle', open ? `${f(open.rssMiB.open, 0)} vs ${f(open.rssMiB.idle, 0)} MiB (${open.openCases} cases and ${open.openEnrolments} enrolments open, maxCachedWorkflows ${open.worker.maxCachedWorkflows})` : '–');
  row('stuckOverCount', open ? `${f(open.latencyMs.stuck.p95, 1)} vs ${f(open.latencyMs.visibilityCount.p95, 1)} ms` : '–');
  row('transitionP99OverRawUpdate', `${f(lifecycle?.hospitalTransitionP99Ms, 1)} vs ${f(floor?.clientDriven.hospitalTransitionP99Ms, 1)} ms`);
  const pay = scenarios.payroll;
  row('payrollOverFloor', pay ? `${f(pay.payroll.linesPerSecond, 1)} vs ${f(pay.floor.linesPerSecond, 1)} lines/s (${pay.lines} lines, ${pay.payroll.batches} batches)` : '–');
  row('payrollOverRawSql', pay ? `${f(pay.payroll.linesPerSecond, 1)} vs ${f(pay.rawSql.linesPerSecond, 1)} lines/s` : '–');
  const reg = scenarios.registry;
  row('registryLookupP99OverRawSelect', reg ? `${f(reg.latencyMs.lookup.p99, 2)} vs ${f(reg.latencyMs.rawSelect.p99, 2)} ms (${reg.persons} persons)` : '–');
  const le = scenarios['life-events'];
  row('lifeEventFanoutOverUpdates', le ? `${f(le.apiMs.p50, 1)} vs ${f(le.directMs.p50, 1)} ms per person, median (${le.itemsPerPerson} open items, ${le.persons} persons each way)` : '–');
  row('payrollHistoryEvents', pay ? `${pay.payroll.history.longestRunEvents} events (${pay.payroll.history.runs} run(s), ${pay.lines} lines); ${pay.dryRun.lines} lines (dry run): ≈ ${pay.dryRun.estimatedLongestRunEvents} in the longest run, ≈ ${pay.dryRun.estimatedPayrollHistoryEvents} in all` : '–');

  lines.push('', '| figure | value |', '| --- | --- |');
  const fig = (name: string, value: string) => lines.push(`| ${name} | ${value} |`);
  if (lifecycle && floor) fig('lifecycle ÷ floor, cases/s (information; was a goal: see the findings)', `${f(ratios.lifecycleOverFloor)} (${f(lifecycle.casesPerSecond, 1)} vs ${f(floor.floor.casesPerSecond, 1)})`);
  if (lifecycle) {
    fig('lifecycle: cases/s · settle p50 / p95', `${f(lifecycle.casesPerSecond, 1)} · ${f(lifecycle.settleMs.p50, 0)} / ${f(lifecycle.settleMs.p95, 0)} ms`);
    for (const [endpoint, summary] of Object.entries(lifecycle.latencyMs)) fig(`lifecycle: ${endpoint} p50 / p95 / p99`, `${ms(summary)} ms`);
    fig('lifecycle: history events · workflow tasks · local-activity markers per case', `${lifecycle.history.eventsPerCase} · ${lifecycle.history.workflowTasksPerCase} · ${lifecycle.history.localActivityMarkersPerCase}`);
    fig('lifecycle: database rows per case', `${f(lifecycle.dbRowsPerCase.total, 1)} (${Object.entries(lifecycle.dbRowsPerCase.byTable).filter(([, n]) => n > 0).map(([t, n]) => `${t} ${n}`).join(', ')})`);
    fig('lifecycle: CPU ms per case by process', cpuLine(lifecycle.cpuMsPerCase));
    fig('lifecycle: peak RSS worker · API', `${f(lifecycle.peakRssMiB.worker, 0)} · ${f(lifecycle.peakRssMiB.api, 0)} MiB`);
  }
  if (floor) {
    fig('floor: cases/s · settle p50 / p95 · history events per case', `${f(floor.floor.casesPerSecond, 1)} · ${f(floor.floor.settleMs.p50, 0)} / ${f(floor.floor.settleMs.p95, 0)} ms · ${floor.floor.history.eventsPerCase}`);
    fig(
      'case workflow via client: cases/s · settle p50 / p95 · history events per case',
      `${f(floor.clientDriven.casesPerSecond, 1)} · ${f(floor.clientDriven.settleMs.p50, 0)} / ${f(floor.clientDriven.settleMs.p95, 0)} ms · ${floor.clientDriven.history.eventsPerCase}`,
    );
    fig('floor: CPU ms per case by process', cpuLine(floor.floor.cpuMsPerCase));
    fig('case workflow via client: CPU ms per case by process', cpuLine(floor.clientDriven.cpuMsPerCase));
    if (floor.twin) fig('engine twin: cases/s · history events per case · CPU ms per case', `${f(floor.twin.casesPerSecond, 1)} · ${floor.twin.history.eventsPerCase} · ${cpuLine(floor.twin.cpuMsPerCase)}`);
    fig('case workflow ÷ engine twin, cases/s', f(ratios.caseOverTwinThroughput));
    fig('lifecycle ÷ client-driven, cases/s', f(ratios.lifecycleOverClientDriven));
    fig('lifecycle ÷ floor by CPU (floor CPU ms per case ÷ lifecycle\'s)', f(ratios.lifecycleOverFloorByCpu));
    for (const [update, summary] of Object.entries(floor.clientDriven.updateLatencyMs)) fig(`raw update ${update} p50 / p95 / p99 (floor's)`, `${ms(summary)} (${ms(floor.floor.updateLatencyMs[update])}) ms`);
  }
  for (const roster of scenarios.import?.rosters ?? []) {
    if (!isMeasured(roster)) {
      fig(`import ${roster.rows} rows`, `failed: ${roster.error.replaceAll('|', '\\|').slice(0, 200)}`);
      continue;
    }
    fig(
      `import ${roster.rows} rows: rows/s API · plain start · ratio (to all persisted)`,
      `${f(roster.import.rowsPerSecond, 1)} · ${f(roster.plainStart.rowsPerSecond, 1)} · ${f(roster.importOverPlainStart)} (${f(roster.importOverPlainStartUntilPersisted)})`,
    );
    fig(`import ${roster.rows} rows: CPU ms per row, import`, cpuLine(roster.cpuMsPerRow.import));
    fig(`import ${roster.rows} rows: CPU ms per row, plain start until persisted`, cpuLine(roster.cpuMsPerRow.plainStart));
  }
  if (open) {
    fig(
      `open-cases (${open.openCases} cases, ${open.openEnrolments} enrolments): worker RSS idle · cases open · all open · peak while opening`,
      `${f(open.rssMiB.idle, 0)} · ${f(open.rssMiB.casesOnly, 0)} · ${f(open.rssMiB.open, 0)} · ${f(open.rssMiB.peakWhileOpening, 0)} MiB`,
    );
    if (open.enrolling) fig('open-cases: applications through the API', `${open.enrolling.enrolmentsPerSecond} per second (${f(open.enrolling.wallMs / 1000, 1)} s)`);
    fig('open-cases: GET /v1/admin/stuck p50 / p95', `${f(open.latencyMs.stuck.p50, 1)} / ${f(open.latencyMs.stuck.p95, 1)} ms`);
    fig(`open-cases: GET /v1/cases?${open.filteredListQuery} p50 / p95`, `${f(open.latencyMs.filteredList.p50, 1)} / ${f(open.latencyMs.filteredList.p95, 1)} ms`);
    fig('open-cases: visibility count p50 / p95', `${f(open.latencyMs.visibilityCount.p50, 1)} / ${f(open.latencyMs.visibilityCount.p95, 1)} ms (${open.runningWorkflows} running)`);
  }
  if (pay) {
    fig(`payroll (${pay.lines} lines, batches of ${pay.batchSize}): seeding · opening (roster built) · approval → RECONCILED`, `${f(pay.seedMs / 1000, 1)} s · ${f(pay.openMs / 1000, 1)} s · ${f(pay.payroll.wallMs / 1000, 1)} s`);
    fig('payroll: lines/s · floor · plain SQL', `${f(pay.payroll.linesPerSecond, 1)} · ${f(pay.floor.linesPerSecond, 1)} · ${f(pay.rawSql.linesPerSecond, 1)}`);
    fig('payroll: CPU ms per 1,000 lines', cpuLine(pay.payroll.cpuMsPerThousandLines));
    fig('payroll floor: CPU ms per 1,000 lines', cpuLine(pay.floor.cpuMsPerThousandLines));
    fig('payroll plain SQL: CPU ms per 1,000 lines', cpuLine(pay.rawSql.cpuMsPerThousandLines));
    fig('payroll: history events all runs · longest run · runs (floor\'s)', `${pay.payroll.history.totalEvents} · ${pay.payroll.history.longestRunEvents} · ${pay.payroll.history.runs} (${pay.floor.history.totalEvents})`);
    fig('payroll: paid vs expected', `${pay.payroll.paidFen} vs ${pay.payroll.expectedPaidFen} fen`);
    fig('payroll: case worker RSS before the approval · peak until RECONCILED', `${f(pay.workerRssMiB.before, 0)} · ${f(pay.workerRssMiB.peak, 0)} MiB`);
    fig(
      `payroll dry run (${pay.dryRun.lines} lines): batches · lines and batches computed in · floor history · payroll history, all runs · longest run (estimates)`,
      `${pay.dryRun.batches} · ${pay.dryRun.linesAndBatchesMs} ms · ${pay.dryRun.floorHistoryEvents} · ${pay.dryRun.estimatedPayrollHistoryEvents} · ${pay.dryRun.estimatedLongestRunEvents}`,
    );
  }
  if (reg) {
    fig(`registry (${reg.persons} persons): loaded in · lookups each way`, `${f(reg.seedMs / 1000, 1)} s · ${reg.calls}`);
    fig('registry: POST /v1/persons/lookup p50 / p95 / p99', `${f(reg.latencyMs.lookup.p50, 2)} / ${f(reg.latencyMs.lookup.p95, 2)} / ${f(reg.latencyMs.lookup.p99, 2)} ms`);
    fig('registry: raw SELECT on the blind index p50 / p95 / p99', `${f(reg.latencyMs.rawSelect.p50, 2)} / ${f(reg.latencyMs.rawSelect.p95, 2)} / ${f(reg.latencyMs.rawSelect.p99, 2)} ms`);
    if (reg.apiCpuUsPerLookup !== undefined) fig('registry: the API\'s CPU per lookup', `${reg.apiCpuUsPerLookup} µs`);
  }
  if (le) fig('life events: per person through the API · directly, mean', `${f(le.apiMs.mean, 1)} · ${f(le.directMs.mean, 1)} ms`);
  if (le) fig(`person page (GET /v1/persons/{id}, ${le.itemsPerPerson} programs' items) p50 / p99`, `${f(le.personPageMs.p50, 1)} / ${f(le.personPageMs.p99, 1)} ms (${le.personPageMs.count} reads)`);
  const peer = scenarios.peer;
  if (peer) {
    fig('peer (case flow as plain SQL): cases/s · CPU ms per case', `${f(peer.casesPerSecond, 1)} · ${cpuLine(peer.cpuMsPerCase)}`);
    fig('lifecycle ÷ peer, cases/s · by CPU', `${f(ratios.lifecycleOverRawSql)} · ${f(ratios.lifecycleOverRawSqlByCpu)}`);
  }
  if (scenarios.ladder) {
    lines.push('', '| ladder rung | cases/s | ÷ floor | ÷ floor by CPU | history events · WFTs · LA markers · timers per case | CPU ms per case |', '| --- | --- | --- | --- | --- | --- |');
    for (const rung of scenarios.ladder) {
      lines.push(
        `| ${rung.name} | ${f(rung.casesPerSecond, 2)} | ${f(rung.overFloor)} | ${f(rung.cpuOverFloor)} | ${rung.history.eventsPerCase} · ${rung.history.workflowTasksPerCase} · ${rung.history.localActivityMarkersPerCase} · ${rung.history.timersPerCase} | ${cpuLine(rung.cpuMsPerCase)} |`,
      );
    }
  }
  if (result.problems.length) lines.push('', `**Problems in this run:** ${result.problems.join('; ')}`);
  return `${lines.join('\n')}\n`;
}

const RESULTS_HEADER = `# Benchmark results

Appended by \`npm run bench\` (bench/main.ts); every headline figure is a ratio of two things
measured in the same run on the same server. See the analysis at the top for what was found and
what was changed; quick runs are smoke runs, not for comparison.

`;

export function appendResults(markdown: string): void {
  if (!fs.existsSync(RESULTS_FILE)) fs.writeFileSync(RESULTS_FILE, RESULTS_HEADER);
  fs.appendFileSync(RESULTS_FILE, `\n${markdown}`);
}
