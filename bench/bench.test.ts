// Every benchmark function runs at a tiny scale and produces its figures. Not a timed test: the
// figures are only checked to be there, finite and positive (bench/run.ts measures for real).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../server/test/app.js';
import { generateScale } from '../server/demo/scale/generate.js';
import { importXining } from '../server/demo/scale/hierarchy.js';
import { loadGeography, type Geography } from '../server/demo/scale/geography.js';
import {
  compareFigures, ensureBenchUsers, hazardsServiceOf, loadFigures, loadHazardCreate, loadHazardList, loadHello, login, measureLookup, measureReassign,
  pointsUnder, type BenchUsers,
} from './metrics.js';
import { freePort, memoryOf, spawnNode, waitFor200 } from './lib/proc.js';
import { renderTable, type Row } from './run.js';
import type { LatencySummary } from './lib/stats.js';

const positive = (v: number | null | undefined) => {
  expect(v).toBeTypeOf('number');
  expect(Number.isFinite(v)).toBe(true);
  expect(v).toBeGreaterThan(0);
};
const latency = (l: LatencySummary) => {
  expect(l.count).toBeGreaterThan(0);
  for (const k of ['meanMs', 'p50Ms', 'p95Ms', 'p99Ms', 'maxMs'] as const) positive(l[k]);
};
const load = { connections: 2, durationS: 1, warmupS: 0 };

describe('benchmark functions at a tiny scale', () => {
  let app: TestApp;
  let geo: Geography;
  let users: BenchUsers;
  let baseUrl: string;

  beforeAll(async () => {
    app = await createTestApp();
    // (6) the hierarchy import and grid generation
    const h = await importXining(app.ctx);
    positive(h.importMs);
    positive(h.generateMs);
    expect(h.grids).toBeGreaterThan(1000);
    const report = await generateScale(app.ctx, { scale: { residents: 1500 }, years: 1, seed: 'bench-test', until: '2026-03-01' });
    expect(report.rows.hazards).toBeGreaterThan(100);
    positive(report.rowsPerSecond);
    geo = await loadGeography(app.db);
    users = await ensureBenchUsers(app.db);
    await app.app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('(3) locates points in their grids', async () => {
    const r = await measureLookup(app.db, geo, 30);
    latency(r);
    expect(r.wrong).toBe(0);
  });

  it('(3) re-assigns located records after a boundary edit', async () => {
    const r = await measureReassign(app.db, 2000);
    positive(r.ms);
    positive(r.moved.bench_located);
    expect(r.grids).toHaveLength(2);
  });

  it('(4) compares the figures with the naive GROUP BY, in-process', async () => {
    const r = await compareFigures(app.ctx, hazardsServiceOf(app), { unit: users.city.unitCode, from: '2025-03-02', to: '2026-03-01', workers: 3, durationMs: 200, runs1: 2 });
    expect(r.equal).toBe(true);
    positive(r.found);
    for (const l of [r.aggregate1, r.naive1, r.aggregateN!, r.naiveN!]) latency(l);
  });

  it('(1, 2, 4) loads the list, creation and figures from a separate process', async () => {
    const district = await login(baseUrl, users.district.username, users.password);
    const list = await loadHazardList(baseUrl, district, { ...load, pages: 2 });
    positive(list.okPerSec);
    latency(list.latency);
    const figures = await loadFigures(baseUrl, district, { unit: users.district.unitCode, from: '2025-03-02', to: '2026-03-01' }, load);
    positive(figures.okPerSec);
    latency(figures.latency);
    const created = await loadHazardCreate(baseUrl, district, pointsUnder(geo, users.district.unitPath, 50), load);
    positive(created.okPerSec);
    latency(created.latency);
    expect(created.total).toBe(created.ok);
  });

  it('(1, 5, 7) times a child server to its first 200, loads the hello-world baseline, reads peak memory', async () => {
    const port = await freePort();
    const t0 = performance.now();
    const hello = spawnNode('bench/servers/hello.ts', [], { PORT: String(port) });
    try {
      positive(await waitFor200(`http://127.0.0.1:${port}/`, t0, hello, 30_000));
      const r = await loadHello(`http://127.0.0.1:${port}`, load);
      positive(r.okPerSec);
      latency(r.latency);
      positive(memoryOf(hello.pid)?.hwmMb);
    } finally {
      await hello.stop();
    }
    expect(hello.child.exitCode !== null || hello.child.signalCode !== null).toBe(true);
  });

  it('prints the result table', () => {
    const rows: Row[] = [{ engine: 'pglite', metric: 'x', value: 12.5, unit: 'req/s', baseline: 50, baselineLabel: 'hello', ratio: 0.25, ratioKind: 'fraction', target: '≥ 30 %', met: false, note: null }];
    const t = renderTable(rows);
    expect(t).toContain('25 %');
    expect(t).toContain('NO');
  });
});
