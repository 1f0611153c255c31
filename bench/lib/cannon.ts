// The load generator, run as its own process (`node --import tsx bench/lib/cannon.ts SPEC.json`)
// so that it never shares a CPU thread with the server under test. Prints one JSON line.
import { readFileSync } from 'node:fs';
import autocannon, { type Request as CannonRequest } from 'autocannon';
import { summarize, type LatencySummary } from './stats.js';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadSpec {
  url: string;
  connections: number;
  durationS: number;
  warmupS: number;
  /** Each connection cycles through these. */
  requests: LoadRequest[];
  /** For a POST: a different body for each request, in turn. */
  bodies?: string[];
  timeoutS?: number;
}

export interface LoadResult {
  okPerSec: number;
  ok: number;
  total: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  elapsedS: number;
  latency: LatencySummary;
  connections: number;
}

async function run(spec: LoadSpec, durationS: number, record: boolean): Promise<LoadResult> {
  let n = 0;
  const bodies = spec.bodies ?? [];
  const requests: CannonRequest[] = spec.requests.map((r) => ({
    method: r.method, path: r.path, ...(r.headers ? { headers: r.headers } : {}), ...(r.body !== undefined ? { body: r.body } : {}),
    ...(bodies.length > 0 && r.method === 'POST' ? { setupRequest: (req: CannonRequest) => ({ ...req, body: bodies[n++ % bodies.length] ?? '' }) } : {}),
  }));
  const samples: number[] = [];
  const statusCodes: Record<string, number> = {};
  let total = 0;
  const t0 = performance.now();
  const inst = autocannon({ url: spec.url, connections: spec.connections, duration: durationS, timeout: spec.timeoutS ?? 120, requests });
  inst.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    total++;
    statusCodes[status] = (statusCodes[status] ?? 0) + 1;
    if (record && status >= 200 && status < 300) samples.push(ms);
  });
  const res = await inst;
  const elapsedS = (performance.now() - t0) / 1000;
  const ok = samples.length;
  return {
    okPerSec: ok / elapsedS, ok, total, errors: res.errors, timeouts: res.timeouts, statusCodes, elapsedS, latency: summarize(samples), connections: spec.connections,
  };
}

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadSpec;
if (spec.warmupS > 0) await run(spec, spec.warmupS, false);
const result = await run(spec, spec.durationS, true);
process.stdout.write(JSON.stringify(result) + '\n');
