/**
 * Preloaded (`node --require`) into the case worker the benchmark runs, so that worker/main.ts
 * runs unchanged: it records the options the SDK compiled (maxCachedWorkflows in force and the
 * slot counts) in BENCH_WORKER_OPTIONS_FILE, and applies BENCH_WORKER_TUNING (JSON) on top of
 * the project's own options for what-if runs (`--worker-tuning`).
 */
const fs = require('node:fs');
const { Worker } = require('@temporalio/worker');
const { describeWorkerOptions } = require('./worker-options.cjs');

const tuning = process.env.BENCH_WORKER_TUNING ? JSON.parse(process.env.BENCH_WORKER_TUNING) : {};
const optionsFile = process.env.BENCH_WORKER_OPTIONS_FILE;
const create = Worker.create;

Worker.create = async function createProbed(options) {
  const worker = await create.call(this, { ...options, ...tuning });
  // The process runs two workers since the payer calls have their own task queue: the one with the
  // workflows (and so the workflow cache) is the one whose options are reported.
  const runsWorkflows = Boolean(options.workflowsPath || options.workflowBundle);
  if (optionsFile && runsWorkflows) fs.writeFileSync(optionsFile, JSON.stringify(describeWorkerOptions(worker.options, tuning)));
  return worker;
};
