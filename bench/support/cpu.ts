/**
 * CPU time by process, read from /proc: on a machine with few cores every process of the flow
 * (Temporal server, PostgreSQL, worker, API, the driver itself) competes for the same CPUs, so
 * the CPU milliseconds each spends per case say where a throughput gap comes from.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

interface ProcStat {
  pid: number;
  ppid: number;
  cpuTicks: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; everything after its closing parenthesis is fixed.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

function allStats(): ProcStat[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat): stat is ProcStat => stat !== undefined);
}

/** CPU milliseconds used so far by each root process and its live descendants (PostgreSQL's backends). */
export function cpuMsByRole(roots: Readonly<Record<string, number | undefined>>): Record<string, number> {
  const stats = allStats();
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) {
    const list = children.get(stat.ppid) ?? [];
    list.push(stat);
    children.set(stat.ppid, list);
  }
  const byPid = new Map(stats.map((s) => [s.pid, s]));
  const subtree = (pid: number): number => (byPid.get(pid)?.cpuTicks ?? 0) + (children.get(pid) ?? []).reduce((sum, child) => sum + subtree(child.pid), 0);
  const msPerTick = 1000 / clockTicks();
  const result: Record<string, number> = {};
  for (const [role, pid] of Object.entries(roots)) {
    if (pid !== undefined) result[role] = subtree(pid) * msPerTick;
  }
  const own = process.cpuUsage();
  result.driver = (own.user + own.system) / 1000;
  return result;
}

/** Adds up, per role, the CPU used between start() and stop() over several intervals. */
export class CpuMeter {
  private readonly totals: Record<string, number> = {};
  private started: Record<string, number> | undefined;

  constructor(private readonly roots: () => Readonly<Record<string, number | undefined>>) {}

  start(): void {
    this.started = cpuMsByRole(this.roots());
  }

  stop(): void {
    if (!this.started) return;
    const now = cpuMsByRole(this.roots());
    for (const [role, ms] of Object.entries(now)) {
      const before = this.started[role];
      // A role whose process was replaced between start and stop has no meaningful difference.
      if (before !== undefined && ms >= before) this.totals[role] = (this.totals[role] ?? 0) + (ms - before);
    }
    this.started = undefined;
  }

  /** The CPU ms one role used over the measured intervals. */
  msOf(role: string): number {
    return this.totals[role] ?? 0;
  }

  /** CPU ms per case by role, and their total. */
  perCase(cases: number): Record<string, number> {
    const per: Record<string, number> = {};
    let total = 0;
    for (const [role, ms] of Object.entries(this.totals)) {
      per[role] = Math.round(ms / Math.max(1, cases));
      total += ms;
    }
    per.total = Math.round(total / Math.max(1, cases));
    return per;
  }
}
