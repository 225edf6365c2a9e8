/** What every scenario gets: the options, the servers, the processes under test and the clients. */
import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Config } from '../../config/config';
import type { Database } from '../../store/schema';
import type { BenchOptions } from '../options';
import type { FlowContext } from './flows';
import type { Progress } from './progress';
import type { BenchServices, RunningApi, RunningWorker } from './services';
import type { BenchStack } from './stack';

export interface BenchContext {
  options: BenchOptions;
  /** The configuration the children get (policy files, keys, batch size). */
  config: Config;
  stack: BenchStack;
  services: BenchServices;
  temporal: Client;
  db: Kysely<Database>;
  flow: FlowContext;
  progress: Progress;
  /** Replaced when a scenario restarts the worker. */
  caseWorker: RunningWorker;
  floorWorker: RunningWorker | undefined;
  api: RunningApi | undefined;
}

/** The processes whose CPU time is counted, by role. */
export function processRoots(ctx: BenchContext): Record<string, number | undefined> {
  return {
    temporal: ctx.stack.temporalPid,
    postgres: ctx.stack.postgresPid,
    caseWorker: ctx.caseWorker.process.pid,
    floorWorker: ctx.floorWorker?.process.pid,
    api: ctx.api?.process.pid,
  };
}

/** Prefixes of the case ids each step opens, so its rows and histories can be found again. */
export const PREFIX = {
  warmup: 'WU',
  floor: 'FL',
  client: 'CL',
  twin: 'TW',
  lifecycle: 'LC',
  plainStart: 'PS',
  import: 'IM',
  openWarmup: 'OW',
  open: 'OC',
  openEnrolment: 'oe',
  openEnrolmentPersons: 'OE',
  payrollPersons: 'BP',
  registryPersons: 'RG',
} as const;
