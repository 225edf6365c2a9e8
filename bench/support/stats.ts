/** Latency samples and the few statistics the benchmark reports (nearest-rank percentiles). */

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    mean: round(sorted.length ? sum / sorted.length : NaN),
    max: round(sorted.at(-1) ?? NaN),
  };
}

/** Milliseconds, named by operation (an endpoint, an update). */
export class Latencies {
  private readonly samples = new Map<string, number[]>();

  record(name: string, ms: number): void {
    let list = this.samples.get(name);
    if (!list) this.samples.set(name, (list = []));
    list.push(ms);
  }

  async time<T>(name: string, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await call();
    this.record(name, performance.now() - started);
    return result;
  }

  get(name: string): number[] {
    return this.samples.get(name) ?? [];
  }

  /** Samples of several operations taken together (e.g. the three hospital transitions). */
  pooled(names: readonly string[]): number[] {
    return names.flatMap((name) => this.get(name));
  }

  summaries(): Record<string, LatencySummary> {
    return Object.fromEntries([...this.samples].map(([name, list]) => [name, summarize(list)]));
  }
}

export function ratio(numerator: number | undefined, denominator: number | undefined): number | null {
  if (numerator === undefined || denominator === undefined || !Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator === 0) return null;
  return Number((numerator / denominator).toFixed(3));
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}
