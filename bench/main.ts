/**
 * `npm run bench`: the case flow against the engine floor, roster imports, many open cases
 *. Starts its own stack (or uses TEMPORAL_ADDRESS / DATABASE_URL), the case worker,
 * the floor worker and the API as child processes, runs the chosen scenarios, prints the ratios,
 * writes the JSON result and appends a Markdown section to bench/RESULTS.md. Exits non-zero
 * when the numbers cannot be trusted (failed cases), never because a goal was missed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { projectClient } from '../temporal/client';
import { dataConverterFor } from '../codec/data-converter';
import { loadConfig } from '../config/config';
import { loadHospitalRegistry } from '../config/hospitals';
import { authSecret } from '../config/secrets';
import { createDb } from '../store/connection';
import { parseBenchArgs, type BenchOptions } from './options';
import { runImportScenario } from './scenarios/import';
import { runLadderScenario, runLifecycleScenarios } from './scenarios/lifecycle';
import { runOpenCasesScenario } from './scenarios/open-cases';
import { runPayrollScenario } from './scenarios/payroll';
import { runPeerScenario } from './scenarios/peer';
import { runRegistryScenario } from './scenarios/registry';
import { runLifeEventScenario } from './scenarios/life-events';
import { ApiClient, signBenchTokens } from './support/api-client';
import { CaseFactory } from './support/case-data';
import type { BenchContext } from './support/context';
import { Progress } from './support/progress';
import { appendResults, assess, collectMeta, computeRatios, RESULTS_FILE, sanityProblems, toMarkdown, type BenchResult, type Scenarios } from './support/results';
import { BenchServices } from './support/services';
import { BENCH_DATA_ROOT, startBenchStack, type BenchStack } from './support/stack';
import { payloadKeyring } from '../config/payload-keys';
import { useFieldKeys } from '../store/sealed-columns';

function runIdentifier(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/**
 * `cleanup` runs in order on exit or signal: the children first (the worker drains), then the
 * driver's clients, then the servers. Each resource adds its step at its place as it is created.
 */
async function run(options: BenchOptions, progress: Progress, cleanup: Array<() => Promise<void>>): Promise<BenchResult> {
  const runId = runIdentifier();
  const stack: BenchStack = await startBenchStack(runId, (line) => progress.line(line));
  cleanup.push(async () => {
    await stack.stop();
    if (!options.keepData && !options.cpuProf) fs.rmSync(stack.dataDir, { recursive: true, force: true });
  });
  const services = new BenchServices(stack, options, runId);
  cleanup.unshift(() => services.stopAll());

  const want = (name: BenchOptions['scenarios'][number]) => options.scenarios.includes(name);
  const needsApi = want('lifecycle') || want('import') || want('open-cases') || want('payroll') || want('registry') || want('life-events');
  progress.line('starting the case worker, the floor worker and the API (the workers bundle their workflows first)…');
  const [caseWorker, floorWorker, api] = await Promise.all([
    services.startCaseWorker(),
    want('floor') || want('ladder') || want('payroll') ? services.startFloorWorker() : Promise.resolve(undefined),
    needsApi ? services.startApi() : Promise.resolve(undefined),
  ]);
  progress.line(`case worker pid ${caseWorker.process.pid} (maxCachedWorkflows ${caseWorker.options.maxCachedWorkflows})${floorWorker ? `, floor worker pid ${floorWorker.process.pid}` : ''}${api ? `, API ${api.baseUrl} pid ${api.process.pid}` : ''}`);

  // The driver reads the configuration the children get (policy, hospitals, SLAs, the auth secret).
  const config = loadConfig({ ...process.env, DATA_DIR: stack.dataDir, DATABASE_URL: stack.databaseUrl, TEMPORAL_ADDRESS: stack.temporalAddress });
  // The driver seals what it loads straight into the registry as the API and the worker do: the same keys (the stack's DATA_DIR).
  useFieldKeys(payloadKeyring(config), config.blindIndexKeyId);
  const hospitals = loadHospitalRegistry(config.hospitalsFile);
  const hospitalList = [...hospitals.byId.values()];
  const connection = await Connection.connect({ address: stack.temporalAddress });
  cleanup.splice(1, 0, () => connection.close());
  const temporal = projectClient({ connection, namespace: stack.namespace, dataConverter: dataConverterFor(config) });
  const db = createDb(stack.databaseUrl, { max: 4, applicationName: 'bench-driver' });
  cleanup.splice(1, 0, () => db.destroy());

  const ctx: BenchContext = {
    options,
    config,
    stack,
    services,
    temporal,
    db,
    progress,
    caseWorker,
    floorWorker,
    api,
    flow: {
      temporal,
      caseTaskQueue: services.caseTaskQueue,
      floorTaskQueue: services.floorTaskQueue,
      factory: new CaseFactory(runId.slice(-4).toUpperCase() + runId.slice(9, 13), hospitalList),
      stageSlaMs: config.stageSlaMs,
      hospitalLevels: new Map(hospitalList.map((h) => [h.id, h.level])),
      api: api ? new ApiClient(api.baseUrl, await signBenchTokens(authSecret(config), hospitalList)) : undefined,
    },
  };

  const meta = collectMeta(options, {
    temporalCli: stack.temporalCliVersion,
    temporalServer: stack.temporalServerVersion,
    embedded: { temporal: stack.embeddedTemporal, postgres: stack.embeddedPostgres },
  });
  meta.caseWorker = { ...caseWorker.options };

  const scenarios: Scenarios = {};
  let importOverPlainStart: number | null = null;
  if (want('lifecycle') || want('floor')) {
    const results = await runLifecycleScenarios(ctx, { lifecycle: want('lifecycle'), floor: want('floor') });
    if (results.lifecycle) scenarios.lifecycle = results.lifecycle;
    if (results.floor) scenarios.floor = results.floor;
  }
  if (want('ladder')) scenarios.ladder = await runLadderScenario(ctx);
  if (want('import')) {
    const result = await runImportScenario(ctx);
    scenarios.import = { rosters: result.rosters };
    importOverPlainStart = result.importOverPlainStart;
  }
  if (want('open-cases')) scenarios['open-cases'] = await runOpenCasesScenario(ctx);
  if (want('peer')) scenarios.peer = await runPeerScenario(ctx);
  if (want('payroll')) scenarios.payroll = await runPayrollScenario(ctx);
  if (want('registry')) scenarios.registry = await runRegistryScenario(ctx);
  if (want('life-events')) scenarios['life-events'] = await runLifeEventScenario(ctx);

  const ratios = computeRatios(scenarios, importOverPlainStart, stack.embeddedTemporal && stack.embeddedPostgres);
  const profiles = services.profilesDir();
  if (profiles) progress.line(`CPU profiles (written as the children exit): ${path.relative(process.cwd(), profiles)}`);
  return { meta, ratios, goals: assess(ratios), scenarios, problems: sanityProblems(scenarios) };
}

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  // A quick run's payroll (500 lines) in several batches, so the smoke run goes through the batch
  // loop and its history; the children and the driver's configuration read the same variable.
  if (options.quick && process.env.PAYROLL_BATCH_SIZE === undefined) process.env.PAYROLL_BATCH_SIZE = '100';
  const progress = new Progress();
  const cleanup: Array<() => Promise<void>> = [];
  let cleaning: Promise<void> | undefined;
  const cleanUp = () => {
    cleaning ??= (async () => {
      for (const step of cleanup) await step().catch(() => undefined);
    })();
    return cleaning;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      progress.line(`received ${signal}; stopping the benchmark's processes and servers…`);
      void cleanUp().finally(() => process.exit(130));
    });
  }

  const started = Date.now();
  let result: BenchResult;
  try {
    result = await run(options, progress, cleanup);
  } finally {
    await cleanUp();
  }

  const markdown = toMarkdown(result);
  const jsonFile = options.jsonFile ?? path.join(BENCH_DATA_ROOT, 'last-result.json');
  fs.mkdirSync(path.dirname(path.resolve(jsonFile)), { recursive: true });
  fs.writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
  if (options.appendResults) appendResults(markdown);
  progress.line('');
  process.stdout.write(markdown);
  progress.line(`\nJSON: ${jsonFile}${options.appendResults ? ` · appended to ${path.relative(process.cwd(), RESULTS_FILE)}` : ''} · ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
  if (result.problems.length > 0) {
    progress.line(`the figures are not trustworthy: ${result.problems.join('; ')}`);
    process.exit(1);
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
