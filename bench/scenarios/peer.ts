/**
 * The peer: the case flow with no workflow engine at all, as plain SQL transactions from the
 * driver — the physical limit of this database on this machine for the same work. Each step is one
 * transaction on a few tables of its own (a case row, its events, its claims): open, the four
 * hospital transitions, then five payer claims and the settlement, each locking the case's row,
 * checking its stage, writing its event and moving the stage, as the case workflow's journal and
 * projection do. Same number of cases and concurrency as the lifecycle; CPU per case from /proc
 * (PostgreSQL and the driver are the only processes that work).
 */
import { sql, type Kysely } from 'kysely';
import { createDb } from '../../store/connection';
import type { Database } from '../../store/schema';
import { mergeRounds, runRound, type BatchResult } from '../support/batch';
import { processRoots, type BenchContext } from '../support/context';
import { CpuMeter } from '../support/cpu';

export interface PeerFigures extends BatchResult {
  cpuMsPerCase: Record<string, number>;
}

const STAGES = ['SCREENING', 'AWAITING_ADMISSION', 'AWAITING_SURGERY', 'REHABILITATION', 'REIMBURSING'] as const;
const PAYERS = 5;

/** The peer's own tables (prefixed, in the bench database only), made once per run. */
async function createPeerTables(db: Kysely<Database>): Promise<void> {
  await sql`create table if not exists bench_peer_cases (case_id text primary key, stage text not null, seq int not null, state jsonb not null, updated_at timestamptz not null default now())`.execute(db);
  await sql`create table if not exists bench_peer_events (case_id text not null references bench_peer_cases, seq int not null, type text not null, body jsonb not null, at timestamptz not null default now(), primary key (case_id, seq))`.execute(db);
  await sql`create table if not exists bench_peer_claims (case_id text not null references bench_peer_cases, payer int not null, status text not null, amount_fen bigint not null, primary key (case_id, payer))`.execute(db);
}

/** One step: lock the case, check its stage, append the event, move the stage. */
async function step(db: Kysely<Database>, caseId: string, from: string, to: string, type: string, body: unknown, claim?: { payer: number; amountFen: number }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await sql<{ stage: string; seq: number }>`select stage, seq from bench_peer_cases where case_id = ${caseId} for update`.execute(trx);
    const current = row.rows[0];
    if (!current || current.stage !== from) throw new Error(`peer case ${caseId} is in ${current?.stage ?? 'nothing'}, not ${from}`);
    const seq = current.seq + 1;
    await sql`insert into bench_peer_events (case_id, seq, type, body) values (${caseId}, ${seq}, ${type}, ${JSON.stringify(body)})`.execute(trx);
    if (claim) await sql`insert into bench_peer_claims (case_id, payer, status, amount_fen) values (${caseId}, ${claim.payer}, 'PAID', ${claim.amountFen})`.execute(trx);
    await sql`update bench_peer_cases set stage = ${to}, seq = ${seq}, state = state || ${JSON.stringify({ [type]: body })}::jsonb, updated_at = now() where case_id = ${caseId}`.execute(trx);
  });
}

async function peerCase(db: Kysely<Database>, caseId: string): Promise<number> {
  const started = performance.now();
  await db.transaction().execute(async (trx) => {
    await sql`insert into bench_peer_cases (case_id, stage, seq, state) values (${caseId}, 'SCREENING', 1, ${JSON.stringify({ opened: { caseId } })}::jsonb)`.execute(trx);
    await sql`insert into bench_peer_events (case_id, seq, type, body) values (${caseId}, 1, 'CaseOpened', ${JSON.stringify({ caseId })})`.execute(trx);
  });
  for (let i = 0; i + 1 < STAGES.length; i++) await step(db, caseId, STAGES[i]!, STAGES[i + 1]!, `Entered${STAGES[i + 1]}`, { at: new Date().toISOString() });
  for (let payer = 0; payer < PAYERS; payer++) {
    await step(db, caseId, 'REIMBURSING', payer + 1 === PAYERS ? 'SETTLED' : 'REIMBURSING', 'ClaimPaid', { payer }, { payer, amountFen: 1_000 });
  }
  return performance.now() - started;
}

export async function runPeerScenario(ctx: BenchContext): Promise<PeerFigures> {
  const { cases, concurrency, warmupCases, quietMs } = ctx.options;
  // A pool as wide as the case worker's (20): the peer is not held back by the driver's small one.
  const db = createDb(ctx.stack.databaseUrl, { max: Math.min(20, concurrency), applicationName: 'bench-peer' });
  try {
    await createPeerTables(db);
    const run = `${Date.now().toString(36)}`;
    const warm = await runRound(ctx.progress, 'warm-up peer (plain SQL)', { from: 0, count: warmupCases }, concurrency, (i) => peerCase(db, `PW-${run}-${i}`));
    if (warm.failed > 0) throw new Error(`warm-up of the peer failed: ${warm.errors[0] ?? 'unknown'}`);
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const cpu = new CpuMeter(() => processRoots(ctx));
    cpu.start();
    const round = await runRound(ctx.progress, 'peer (plain SQL)', { from: 0, count: cases }, concurrency, (i) => peerCase(db, `PR-${run}-${i}`));
    cpu.stop();
    const batch = mergeRounds([round]);
    return { ...batch, cpuMsPerCase: cpu.perCase(batch.completed) };
  } finally {
    await db.destroy();
  }
}
