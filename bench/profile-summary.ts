/**
 * `tsx bench/profile-summary.ts <file.cpuprofile|folder>… [--top 25] [--skip-first-seconds 20]`:
 * where a process spent its CPU, from the profiles `npm run bench -- --cpu-prof` writes. Self time
 * is grouped by package (node_modules/<name>) or project folder, then listed by function.
 * `--skip-first-seconds` leaves out start-up (the worker's webpack bundling).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function category(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith('node:')) return 'node:internal';
  const project = /\/work\/[^/]+\/([^/]+)\//.exec(url) ?? /^file:\/\/.*?\/([^/]+)\/[^/]+$/.exec(url);
  return project ? `project:${project[1]}` : url.replace(/^.*\//, '');
}

function summarize(file: string, top: number, skipSeconds: number): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let t = profile.startTime;
  const from = profile.startTime + skipSeconds * 1e6;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (t < from) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
    total += delta;
  });
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    const cat = category(url, functionName);
    byCategory.set(cat, (byCategory.get(cat) ?? 0) + us);
    const key = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/\/work\/[^/]+\//, '')}:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const idle = [...selfUs].filter(([id]) => nodes.get(id)!.callFrame.functionName === '(idle)').reduce((s, [, us]) => s + us, 0);
  const busy = total - idle;
  const pct = (us: number) => `${((us / Math.max(1, busy)) * 100).toFixed(1).padStart(5)}%`;
  const lines = [`${file}: ${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s busy`];
  lines.push('  by package / folder:');
  for (const [cat, us] of [...byCategory].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`    ${pct(us)}  ${(us / 1e3).toFixed(0).padStart(7)} ms  ${cat}`);
  lines.push('  by function (self time):');
  for (const [fn, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`    ${pct(us)}  ${(us / 1e3).toFixed(0).padStart(7)} ms  ${fn}`);
  return lines.join('\n');
}

function main(): void {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { top: { type: 'string', default: '25' }, 'skip-first-seconds': { type: 'string', default: '0' } },
    allowPositionals: true,
  });
  const files = positionals.flatMap((p) =>
    fs.statSync(p).isDirectory()
      ? fs.readdirSync(p).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(p, f))
      : [p],
  );
  if (files.length === 0) throw new Error('usage: tsx bench/profile-summary.ts <file.cpuprofile|folder>… [--top 25] [--skip-first-seconds 20]');
  for (const file of files) console.log(`${summarize(file, Number(values.top), Number(values['skip-first-seconds']))}\n`);
}

main();
