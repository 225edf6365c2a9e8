/**
 * The command line of `npm run bench`. Sizes default to the (500 cases, 32 at a time,
 * rosters of 433 and 5,000 rows, 10,000 open cases); `--quick` shrinks them so the whole run
 * takes about a minute, for CI smoke runs where only "it finishes with sane numbers" matters.
 */
import { parseArgs } from 'node:util';

/** The four, run by default. */
export const DEFAULT_SCENARIOS = ['lifecycle', 'floor', 'import', 'open-cases'] as const;
/**
 * On request only: `ladder` splits the floor-to-case-workflow gap (bench/scenarios/lifecycle.ts);
 * `payroll` runs a monthly payroll against its floor and plain SQL (bench/scenarios/payroll.ts),
 * minutes at 20,000 lines; `peer` runs the case flow as plain SQL transactions (bench/scenarios/peer.ts);
 * `registry` loads 1,000,000 persons and times the lookup by ID number (bench/scenarios/registry.ts);
 * `life-events` times a life event's fan-out against the same Updates sent directly (bench/scenarios/life-events.ts).
 */
export const SCENARIOS = [...DEFAULT_SCENARIOS, 'ladder', 'payroll', 'peer', 'registry', 'life-events'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  quick: boolean;
  scenarios: ScenarioName[];
  jsonFile: string | undefined;
  /** Append the Markdown table to bench/RESULTS.md (off with --no-results). */
  appendResults: boolean;
  /** Cases per lifecycle variant (HTTP, floor, client-driven). */
  cases: number;
  concurrency: number;
  warmupCases: number;
  importRosters: number[];
  openCases: number;
  /** Subsidy enrolments left waiting for the town's review beside the open cases (the worker's memory, the stuck report across programs). */
  openEnrolments: number;
  /** Lines of the measured payroll (one ACTIVE enrolment each, in each subsidy program). */
  payrollLines: number;
  /** Lines of the payroll's dry run (lines and batches in memory, the floor's history for them). */
  payrollDryRunLines: number;
  /** Persons loaded for the registry scenario, and lookups timed each way. */
  registryPersons: number;
  lookupCalls: number;
  /** Persons per path (API, direct) in the life-events scenario. */
  lifeEventPersons: number;
  /** Pause between measured steps, so that one step's garbage collection is not billed to the next. */
  quietMs: number;
  /** Calls per measured read in the open-cases scenario. */
  readCalls: number;
  /** Worker options to force on both workers (what-if runs): e.g. maxCachedWorkflows=500. */
  workerTuning: Record<string, number>;
  /** Run the worker and API children with --cpu-prof; profiles land in the data folder. */
  cpuProf: boolean;
  keepData: boolean;
  note: string | undefined;
}

const USAGE = `usage: npm run bench -- [--quick] [--scenario NAME]... [--json FILE] [--cases N] [--concurrency C]
       [--open-cases N] [--open-enrolments N] [--rosters 433,5000] [--payroll-lines 20000] [--payroll-dry-run 200000]
       [--registry-persons 1000000] [--lookup-calls 2000] [--life-event-persons 30] [--worker-tuning maxCachedWorkflows=500,...] [--cpu-prof]
       [--keep-data] [--no-results] [--note TEXT]
scenarios: ${SCENARIOS.join(', ')} (default: ${DEFAULT_SCENARIOS.join(', ')})
environment: TEMPORAL_ADDRESS / DATABASE_URL use existing servers instead of starting an embedded stack`;

const TUNABLE = new Set([
  'maxCachedWorkflows',
  'maxConcurrentWorkflowTaskExecutions',
  'maxConcurrentActivityTaskExecutions',
  'maxConcurrentLocalActivityExecutions',
]);

/** A whole number of at least `least` (1 unless said: 0 where none turns a part off). */
function positiveInt(name: string, text: string | undefined, fallback: number, least = 1): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < least) throw new Error(`--${name} must be a whole number of at least ${least} (got ${text})\n${USAGE}`);
  return value;
}

function parseTuning(text: string | undefined): Record<string, number> {
  const tuning: Record<string, number> = {};
  if (!text) return tuning;
  for (const pair of text.split(',')) {
    const [key, value] = pair.split('=');
    if (!key || !TUNABLE.has(key) || value === undefined || !/^\d+$/.test(value)) {
      throw new Error(`--worker-tuning: "${pair}" is not one of ${[...TUNABLE].join(', ')}=<integer>\n${USAGE}`);
    }
    tuning[key] = Number(value);
  }
  return tuning;
}

export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      scenario: { type: 'string', multiple: true },
      json: { type: 'string' },
      'no-results': { type: 'boolean', default: false },
      cases: { type: 'string' },
      concurrency: { type: 'string' },
      'open-cases': { type: 'string' },
      'open-enrolments': { type: 'string' },
      'payroll-lines': { type: 'string' },
      'payroll-dry-run': { type: 'string' },
      'registry-persons': { type: 'string' },
      'lookup-calls': { type: 'string' },
      'life-event-persons': { type: 'string' },
      rosters: { type: 'string' },
      'read-calls': { type: 'string' },
      'worker-tuning': { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      'keep-data': { type: 'boolean', default: false },
      note: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const requested = (values.scenario ?? []).flatMap((s) => s.split(','));
  for (const name of requested) {
    if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`unknown scenario "${name}"\n${USAGE}`);
  }
  const scenarios: ScenarioName[] = requested.length === 0 ? [...DEFAULT_SCENARIOS] : SCENARIOS.filter((s) => requested.includes(s));
  const quick = values.quick ?? false;
  const rosters = values.rosters
    ? values.rosters.split(',').map((n) => positiveInt('rosters', n, 0))
    : quick
      ? [100]
      : [433, 5_000];
  if (rosters.some((n) => n > 5_000)) throw new Error(`--rosters: the API takes at most 5000 rows per import\n${USAGE}`);
  return {
    quick,
    scenarios,
    jsonFile: values.json,
    appendResults: !(values['no-results'] ?? false),
    cases: positiveInt('cases', values.cases, quick ? 24 : 500),
    concurrency: positiveInt('concurrency', values.concurrency, 32),
    warmupCases: quick ? 4 : 32,
    importRosters: rosters,
    openCases: positiveInt('open-cases', values['open-cases'], quick ? 100 : 10_000),
    openEnrolments: positiveInt('open-enrolments', values['open-enrolments'], quick ? 50 : 20_000, 0),
    payrollLines: positiveInt('payroll-lines', values['payroll-lines'], quick ? 500 : 20_000),
    payrollDryRunLines: positiveInt('payroll-dry-run', values['payroll-dry-run'], quick ? 20_000 : 200_000),
    registryPersons: positiveInt('registry-persons', values['registry-persons'], quick ? 10_000 : 1_000_000),
    lookupCalls: positiveInt('lookup-calls', values['lookup-calls'], quick ? 200 : 2_000),
    lifeEventPersons: positiveInt('life-event-persons', values['life-event-persons'], quick ? 3 : 30),
    quietMs: quick ? 1_500 : 5_000,
    readCalls: positiveInt('read-calls', values['read-calls'], quick ? 10 : 50),
    workerTuning: parseTuning(values['worker-tuning']),
    cpuProf: values['cpu-prof'] ?? false,
    keepData: values['keep-data'] ?? false,
    note: values.note,
  };
}
