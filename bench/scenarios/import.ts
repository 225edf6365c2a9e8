/**
 * Scenario 3: a roster through POST /v1/cases/import against the plainest way to start the same
 * workflows: a `client.workflow.start` loop at the API's import parallelism. Both answer once every
 * workflow is started (the import also registers each row and checks it); after each, the next
 * measurement waits until the worker has persisted every case, so neither pays for the other.
 */
import { CASE_WORKFLOW_TYPE, caseWorkflowId } from '../../programs/surgery/workflow/definitions';
import { PREFIX, processRoots, type BenchContext } from '../support/context';
import { CpuMeter } from '../support/cpu';
import { caseWorkflowInput, startSearchAttributes } from '../support/flows';
import { projectedCount } from '../support/inspect';
import { runPool } from '../support/progress';
import { ratio } from '../support/stats';

/** The API's import parallelism (api/app.ts: `importParallelism ?? 16`; api/main.ts sets none). */
export const API_IMPORT_PARALLELISM = 16;

export interface RosterFigures {
  rows: number;
  parallelism: number;
  import: { wallMs: number; rowsPerSecond: number; created: number; failed: number };
  plainStart: {
    wallMs: number;
    rowsPerSecond: number;
    /** Until every started case's opening was persisted by the worker (before 2026-11-28 14:30 the import answered only then). */
    untilPersistedMs: number;
  };
  /** CPU ms per row by process: the plain loop until every case was persisted, and the import. */
  cpuMsPerRow: { plainStart: Record<string, number>; import: Record<string, number> };
  importOverPlainStart: number | null;
  importOverPlainStartUntilPersisted: number | null;
}

/** A roster that could not be measured: the import or the loop failed. */
export interface FailedRoster {
  rows: number;
  error: string;
}

export const isMeasured = (roster: RosterFigures | FailedRoster): roster is RosterFigures => !('error' in roster);

interface ImportResponse {
  created: number;
  existing: number;
  failed: unknown[];
  caseIds: string[];
}

async function waitUntilProjected(ctx: BenchContext, prefix: string, count: number, label: string): Promise<void> {
  const timeoutMs = Math.max(120_000, count * 200);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const projected = await projectedCount(ctx.db, prefix);
    ctx.progress.update(`  ${label}: ${projected}/${count} persisted by the worker`);
    if (projected >= count) return;
    if (Date.now() > deadline) throw new Error(`${label}: only ${projected}/${count} cases persisted after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function plainStartLoop(ctx: BenchContext, prefix: string, rows: number): Promise<{ wallMs: number; untilPersistedMs: number }> {
  const label = `plain start loop, ${rows} rows`;
  const started = performance.now();
  await runPool(
    rows,
    API_IMPORT_PARALLELISM,
    async (i) => {
      const body = ctx.flow.factory.newCase(prefix, i);
      await ctx.temporal.workflow.start(CASE_WORKFLOW_TYPE, {
        workflowId: caseWorkflowId(body.caseId!),
        taskQueue: ctx.flow.caseTaskQueue,
        args: [caseWorkflowInput(ctx.flow, body)],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: startSearchAttributes(body),
      });
    },
    (done) => ctx.progress.update(`  ${label}: ${done}/${rows} started`),
  );
  const wallMs = performance.now() - started;
  await waitUntilProjected(ctx, `${prefix}-`, rows, label);
  const untilPersistedMs = performance.now() - started;
  ctx.progress.line(`  ${label}: started in ${(wallMs / 1000).toFixed(2)} s (${((rows / wallMs) * 1000).toFixed(1)} rows/s), all persisted after ${(untilPersistedMs / 1000).toFixed(2)} s`);
  return { wallMs: Math.round(wallMs), untilPersistedMs: Math.round(untilPersistedMs) };
}

/** POSTs a roster of `rows` new cases (ids `<prefix>-<run>-<offset+i>`); throws unless every row was created. */
export async function importRoster(ctx: BenchContext, prefix: string, rows: number, offset = 0): Promise<{ wallMs: number; response: ImportResponse }> {
  const api = ctx.flow.api!;
  const cases = Array.from({ length: rows }, (_, i) => ctx.flow.factory.newCase(prefix, offset + i));
  const label = `import, ${rows} rows`;
  const started = performance.now();
  // The import answers once, at the end: show the worker's progress meanwhile.
  const ticker = setInterval(() => {
    void projectedCount(ctx.db, `${prefix}-`).then((n) => ctx.progress.update(`  ${label}: ${n - offset} rows opened so far`));
  }, 1_000);
  let response: ImportResponse;
  try {
    response = await api.request<ImportResponse>('POST', '/v1/cases/import', api.tokens.officer, { cases });
  } finally {
    clearInterval(ticker);
  }
  const wallMs = performance.now() - started;
  if (response.created !== rows) {
    throw new Error(`${label}: ${response.created} created, ${response.existing} existing, ${response.failed.length} failed: ${JSON.stringify(response.failed.slice(0, 2))}`);
  }
  return { wallMs: Math.round(wallMs), response };
}

async function measureRoster(ctx: BenchContext, rows: number): Promise<RosterFigures> {
  const quiet = () => new Promise((r) => setTimeout(r, ctx.options.quietMs));
  const plainCpu = new CpuMeter(() => processRoots(ctx));
  const importCpu = new CpuMeter(() => processRoots(ctx));
  await quiet();
  plainCpu.start();
  const plain = await plainStartLoop(ctx, `${PREFIX.plainStart}${rows}`, rows);
  plainCpu.stop();
  await quiet();
  importCpu.start();
  const imported = await importRoster(ctx, `${PREFIX.import}${rows}`, rows);
  importCpu.stop();
  await waitUntilProjected(ctx, `${PREFIX.import}${rows}-`, rows, `import, ${rows} rows`);
  const rowsPerSecond = (ms: number) => Number(((rows / ms) * 1000).toFixed(1));
  const figures: RosterFigures = {
    rows,
    parallelism: API_IMPORT_PARALLELISM,
    import: { wallMs: imported.wallMs, rowsPerSecond: rowsPerSecond(imported.wallMs), created: imported.response.created, failed: imported.response.failed.length },
    plainStart: { wallMs: plain.wallMs, rowsPerSecond: rowsPerSecond(plain.wallMs), untilPersistedMs: plain.untilPersistedMs },
    cpuMsPerRow: { plainStart: plainCpu.perCase(rows), import: importCpu.perCase(rows) },
    importOverPlainStart: ratio(imported.wallMs, plain.wallMs),
    importOverPlainStartUntilPersisted: ratio(imported.wallMs, plain.untilPersistedMs),
  };
  ctx.progress.line(`  import, ${rows} rows: ${(imported.wallMs / 1000).toFixed(2)} s (${figures.import.rowsPerSecond} rows/s) = ${figures.importOverPlainStart} × the plain start loop`);
  return figures;
}

export async function runImportScenario(ctx: BenchContext): Promise<{ rosters: Array<RosterFigures | FailedRoster>; importOverPlainStart: number | null }> {
  ctx.progress.line(`import: rosters of ${ctx.options.importRosters.join(', ')} rows, parallelism ${API_IMPORT_PARALLELISM} on both sides`);
  const rosters: Array<RosterFigures | FailedRoster> = [];
  for (const rows of ctx.options.importRosters) {
    try {
      rosters.push(await measureRoster(ctx, rows));
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      ctx.progress.line(`  roster of ${rows} rows FAILED: ${message}`);
      rosters.push({ rows, error: message });
    }
  }
  const measured = rosters.filter(isMeasured);
  const headline = measured.find((r) => r.rows === 433) ?? measured[0];
  return { rosters, importOverPlainStart: headline?.importOverPlainStart ?? null };
}
