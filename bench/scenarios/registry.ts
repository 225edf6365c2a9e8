/**
 * The registry at a district's scale: N persons (1,000,000 by default) loaded straight into
 * PostgreSQL with the store's own sealing and blind index (bench/support/registry-seed.ts), then
 * `POST /v1/persons/lookup` against a raw SELECT on the blind index's unique index, on the same
 * database, one call at a time (latency, not queueing), interleaved call by call so that the
 * machine's drift falls on both alike. Persons picked at random among those loaded.
 */
import { sql } from 'kysely';
import { idNumberIndex } from '../../store/persons';
import { CpuMeter } from '../support/cpu';
import { PREFIX, processRoots, type BenchContext } from '../support/context';
import { benchIdNumber, seedPersons } from '../support/registry-seed';
import { Latencies, percentile, type LatencySummary } from '../support/stats';

export interface RegistryFigures {
  persons: number;
  seedMs: number;
  calls: number;
  latencyMs: { lookup: LatencySummary; rawSelect: LatencySummary };
  /**
   * The API process's CPU per lookup, in µs: its own cost, which the latencies show only through
   * the noise of a shared machine (the raw SELECTs between the lookups cost the API nothing).
   */
  apiCpuUsPerLookup: number;
}

/** Like summarize(), to the microsecond: a SELECT on a unique index takes a fraction of a millisecond. */
function fine(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const r = (v: number) => Number(v.toFixed(3));
  return {
    count: sorted.length,
    p50: r(percentile(sorted, 50)),
    p95: r(percentile(sorted, 95)),
    p99: r(percentile(sorted, 99)),
    mean: r(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
    max: r(sorted.at(-1) ?? NaN),
  };
}

/** Registry persons are numbered from here: the payroll's persons (from 0) never share an ID number with them. */
const FIRST = 1_500_000;

export async function runRegistryScenario(ctx: BenchContext): Promise<RegistryFigures> {
  const { options, progress, db } = ctx;
  const api = ctx.flow.api;
  if (!api) throw new Error('the registry scenario needs the API');
  const persons = options.registryPersons;
  progress.line(`registry: loading ${persons} persons (sealed ID numbers, blind index)…`);
  const seedStarted = performance.now();
  await seedPersons(db, PREFIX.registryPersons, FIRST, persons, (done) => progress.update(`  registry: ${done}/${persons} persons`));
  const seedMs = Math.round(performance.now() - seedStarted);
  await sql`analyze persons`.execute(db);
  progress.line(`registry: ${persons} persons in ${(seedMs / 1000).toFixed(1)} s; ${options.lookupCalls} lookups each way…`);

  const latencies = new Latencies();
  const pick = () => benchIdNumber(FIRST + Math.floor(Math.random() * persons));
  // Warm both paths (connections, plans, the API's first request) unmeasured.
  for (let i = 0; i < 20; i++) {
    await api.request('POST', '/v1/persons/lookup', api.tokens.officer, { idNumber: pick() });
    await sql`select * from persons where id_number_index = ${idNumberIndex(pick())}`.execute(db);
  }
  const cpu = new CpuMeter(() => processRoots(ctx));
  cpu.start();
  for (let i = 0; i < options.lookupCalls; i++) {
    const idNumber = pick();
    await latencies.time('lookup', () => api.request('POST', '/v1/persons/lookup', api.tokens.officer, { idNumber }));
    const index = idNumberIndex(pick());
    const { rows } = await latencies.time('rawSelect', () => sql`select * from persons where id_number_index = ${index}`.execute(db));
    if (rows.length !== 1) throw new Error('the raw SELECT found no person');
  }
  cpu.stop();
  const apiCpuUsPerLookup = Math.round((cpu.msOf('api') * 1000) / options.lookupCalls);
  return {
    persons,
    seedMs,
    calls: options.lookupCalls,
    latencyMs: { lookup: fine(latencies.get('lookup')), rawSelect: fine(latencies.get('rawSelect')) },
    apiCpuUsPerLookup,
  };
}
