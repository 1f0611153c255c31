// Latency summaries: exact percentiles over recorded samples (milliseconds).

export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const s = [...samples].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return {
    count: s.length,
    meanMs: s.length ? sum / s.length : NaN,
    p50Ms: percentile(s, 50),
    p95Ms: percentile(s, 95),
    p99Ms: percentile(s, 99),
    maxMs: s.length ? s[s.length - 1]! : NaN,
  };
}

/** Runs `fn` from `workers` concurrent callers until `durationMs` has passed (or `maxCalls` were made). */
export async function closedLoop(workers: number, durationMs: number, fn: (i: number) => Promise<void>, maxCalls = Infinity): Promise<{ samples: number[]; elapsedMs: number }> {
  const samples: number[] = [];
  const t0 = performance.now();
  let calls = 0;
  const worker = async () => {
    while (performance.now() - t0 < durationMs && calls < maxCalls) {
      const i = calls++;
      const s = performance.now();
      await fn(i);
      samples.push(performance.now() - s);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return { samples, elapsedMs: performance.now() - t0 };
}
