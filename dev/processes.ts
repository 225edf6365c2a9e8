/** Small helpers for child processes of the embedded stack: exit promises, group kills, log tails. */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export type ExitInfo = { code: number | null; signal: NodeJS.Signals | null };

/** Resolves once the child has exited (immediately if it already has). */
export function waitForExit(child: ChildProcess): Promise<ExitInfo> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/**
 * True while process `pid` runs: one of another user counts (kill answers EPERM), a zombie does
 * not (it still answers kill, but holds no port and no file any more).
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return !/^\S+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc here: kill's answer stands
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // the group is already gone
  }
}

/**
 * Waits for the leader of group `pgid` to exit, SIGKILLing the group if it has not after
 * `graceMs`; then SIGKILLs the group again, for anything the leader left behind.
 */
async function killGroupOnceLeaderExits(pgid: number, exited: Promise<ExitInfo>, graceMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const outcome = await Promise.race([exited.then(() => 'exited' as const), grace]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    signalGroup(pgid, 'SIGKILL');
    await exited;
  }
  signalGroup(pgid, 'SIGKILL');
}

/**
 * Signals the process group `pgid` (a child spawned with `detached: true`). Without `exited`
 * it only sends the signal (usable from a synchronous 'exit' handler). With it, waits for the
 * leader to exit, escalating to SIGKILL after `graceMs`, then makes sure no member survives.
 */
export function killProcessGroup(pgid: number, signal: NodeJS.Signals): void;
export function killProcessGroup(pgid: number, signal: NodeJS.Signals, exited: Promise<ExitInfo>, graceMs: number): Promise<void>;
export function killProcessGroup(pgid: number, signal: NodeJS.Signals, exited?: Promise<ExitInfo>, graceMs = 10_000): void | Promise<void> {
  signalGroup(pgid, signal);
  if (!exited) return;
  return killGroupOnceLeaderExits(pgid, exited, graceMs);
}

/**
 * Asks a child that leads its own process group to stop: SIGTERM to the leader only (tsx relays
 * it to the node process it runs; signalling the whole group would deliver it twice), SIGKILL to
 * the group after `graceMs`, and a final group SIGKILL for anything the leader left behind.
 */
export async function terminateGroupLeader(pid: number, exited: Promise<ExitInfo>, graceMs: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
  await killGroupOnceLeaderExits(pid, exited, graceMs);
}

/** The last `lines` lines of a log file, for error messages. */
export function tailOfFile(file: string, lines: number): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
