// `npm run bench [-- --engine pglite|pg|both] [--scale small|city] [--years N] [--duration S] [--json FILE]`
// Runs the benchmark suite against the real server (`server/main.ts` in a child process) on the
// embedded engine and on the PostgreSQL server, with load from a separate process on loopback,
// and prints one table — metric, value, the baseline measured in the same run, the ratio, the
// target — also written as JSON (bench/results/latest.json).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parseArgs } from '../cli/args.js';
import { loadFigures, loadHazardCreate, loadHazardList, loadHello, login, type BenchUsers, type FiguresComparison, type ReassignResult } from './metrics.js';
import { freePort, memoryOf, ROOT, runTask, spawnNode, startServer, waitFor200 } from './lib/proc.js';
import type { LatencySummary } from './lib/stats.js';
import type { LoadResult } from './lib/load.js';
import type { ScaleReport } from '../server/demo/scale/generate.js';
import { listMigrations, migrationsFingerprint } from '../server/db/migrate.js';

type Engine = 'pglite' | 'pg';

export interface Row {
  engine: Engine;
  metric: string;
  value: number | null;
  unit: string;
  baseline: number | null;
  baselineLabel: string | null;
  /** value/baseline for throughput, baseline/value ("× faster") for latency against a slower baseline. */
  ratio: number | null;
  ratioKind: 'fraction' | 'speedup' | null;
  target: string | null;
  met: boolean | null;
  note: string | null;
}

interface Options {
  engines: Engine[];
  scale: string;
  years: number;
  seed: string;
  durationS: number;
  warmupS: number;
  connections: number;
  json: string;
  serverUrl: string;
  reassignRows: Record<Engine, number>;
  fresh: boolean;
  dataDir: string | null;
  databaseUrl: string | null;
  skip: Set<string>;
  /** Take the in-process measurements from the last run on the same dataset (they take long at city scale). */
  reuseInProcess: boolean;
}

interface DbTaskResult {
  engine: Engine;
  generated: ScaleReport | null;
  users: BenchUsers;
  from: string;
  to: string;
  oldest: string;
  counts: { hazards: number; events: number; stats: number; located: number };
  lookup: (LatencySummary & { wrong: number }) | null;
  figuresDistrict: FiguresComparison | null;
  figuresCity: FiguresComparison | null;
  reassign: ReassignResult | null;
  points: Array<[number, number]>;
  hwmMb: number | null;
}

interface UnitsTaskResult {
  engine: Engine;
  openMs: number;
  migrateMs: number;
  importMs: number;
  generateMs: number;
  units: number;
  grids: number;
}

function options(argv: string[]): Options {
  const a = parseArgs(argv).options;
  const s = (k: string): string | undefined => {
    const v = a[k];
    return typeof v === 'string' ? v : undefined;
  };
  const engine = s('engine') ?? 'both';
  if (!['pglite', 'pg', 'both'].includes(engine)) throw new Error('--engine must be pglite, pg or both');
  const scale = s('scale') ?? 'small';
  if (!['tiny', 'small', 'city', 'megacity'].includes(scale)) throw new Error('--scale must be tiny, small, city or megacity');
  const years = Number(s('years') ?? (scale === 'city' || scale === 'megacity' ? 5 : 2));
  const rr = s('reassign-rows');
  return {
    engines: engine === 'both' ? ['pglite', 'pg'] : [engine as Engine],
    scale, years, seed: s('seed') ?? 'bench',
    durationS: Number(s('duration') ?? 10), warmupS: Number(s('warmup') ?? 2), connections: Number(s('connections') ?? 50),
    json: path.resolve(ROOT, s('json') ?? 'bench/results/latest.json'),
    serverUrl: s('server-url') ?? process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:54329/postgres',
    reassignRows: { pg: Number(rr ?? 1_000_000), pglite: Number(rr ?? 200_000) },
    fresh: a.fresh === true, dataDir: s('data-dir') ?? null, databaseUrl: s('database-url') ?? null,
    skip: new Set((s('skip') ?? '').split(',').filter(Boolean)),
    reuseInProcess: a['reuse-inprocess'] === true,
  };
}

const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);

function row(engine: Engine, metric: string, value: number | null, unit: string, extra: Partial<Row> = {}): Row {
  return { engine, metric, value, unit, baseline: null, baselineLabel: null, ratio: null, ratioKind: null, target: null, met: null, note: null, ...extra };
}

async function pgAdmin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function dbUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Where an engine keeps a database: env for the server, CLI and tasks. */
interface Location {
  env: Record<string, string>;
  label: string;
  drop(): Promise<void>;
}

async function freshLocation(engine: Engine, o: Options, name: string): Promise<Location> {
  if (engine === 'pglite') {
    const dir = path.join(ROOT, 'data', 'bench', name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    return { env: { SAFEGRID_DATA_DIR: dir }, label: dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  await pgAdmin(o.serverUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  const secrets = path.join(ROOT, 'data', 'bench', `${name}.secrets.json`);
  mkdirSync(path.dirname(secrets), { recursive: true });
  rmSync(secrets, { force: true });
  return {
    env: { DATABASE_URL: dbUrl(o.serverUrl, name), SAFEGRID_SECRETS_FILE: secrets, SAFEGRID_DATA_DIR: path.join(ROOT, 'data', 'bench', `${name}.dir`) },
    label: `${name} on ${new URL(o.serverUrl).host}`,
    drop: async () => {
      await pgAdmin(o.serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      rmSync(secrets, { force: true });
    },
  };
}

/**
 * A dataset generated under other migrations cannot be opened (the runner refuses changed
 * files); one generated under an earlier prefix of today's files can: the runner applies the
 * files added since when the dataset is opened, as it does for a deployment.
 */
function markerCurrent(marker: string): boolean {
  const recorded = (JSON.parse(readFileSync(marker, 'utf8')) as { migrations?: string }).migrations;
  if (recorded === migrationsFingerprint()) return true;
  const h = createHash('sha256');
  for (const m of listMigrations()) {
    h.update(m.version + m.checksum);
    if (h.copy().digest('hex').slice(0, 16) === recorded) return true;
  }
  return false;
}

/** The generated dataset of this scale: reused when a previous run completed it. */
async function dataset(engine: Engine, o: Options, rows: Row[]): Promise<Location & { marker: string }> {
  const name = `sg_bench_${o.scale}_y${o.years}_${o.seed.replace(/[^a-z0-9]/gi, '').toLowerCase()}`;
  let loc: Location;
  let marker: string;
  if (engine === 'pglite' && o.dataDir) {
    loc = { env: { SAFEGRID_DATA_DIR: path.resolve(o.dataDir) }, label: o.dataDir, drop: async () => {} };
    marker = path.join(path.resolve(o.dataDir), 'bench-dataset.json');
  } else if (engine === 'pg' && o.databaseUrl) {
    const secrets = process.env.SAFEGRID_SECRETS_FILE ?? path.join(ROOT, 'data', 'bench', `${new URL(o.databaseUrl).pathname.slice(1)}.secrets.json`);
    loc = { env: { DATABASE_URL: o.databaseUrl, SAFEGRID_SECRETS_FILE: secrets }, label: o.databaseUrl, drop: async () => {} };
    marker = path.join(ROOT, 'data', 'bench', `${new URL(o.databaseUrl).pathname.slice(1)}.dataset.json`);
  } else if (engine === 'pglite') {
    const dir = path.join(ROOT, 'data', 'bench', name);
    marker = path.join(dir, 'bench-dataset.json');
    loc = existsSync(marker) && !o.fresh && markerCurrent(marker) ? { env: { SAFEGRID_DATA_DIR: dir }, label: dir, drop: async () => {} } : await freshLocation(engine, o, name);
  } else {
    marker = path.join(ROOT, 'data', 'bench', `${name}.dataset.json`);
    const exists = await pgAdmin(o.serverUrl, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
    loc = exists && existsSync(marker) && !o.fresh && markerCurrent(marker)
      ? {
          env: { DATABASE_URL: dbUrl(o.serverUrl, name), SAFEGRID_SECRETS_FILE: path.join(ROOT, 'data', 'bench', `${name}.secrets.json`), SAFEGRID_DATA_DIR: path.join(ROOT, 'data', 'bench', `${name}.dir`) },
          label: `${name} on ${new URL(o.serverUrl).host}`, drop: async () => {},
        }
      : await freshLocation(engine, o, name);
  }
  const reusable = existsSync(marker) && !o.fresh && markerCurrent(marker);
  if (reusable) {
    const rep = JSON.parse(readFileSync(marker, 'utf8')) as ScaleReport;
    log(`${engine}: reusing the ${o.scale} dataset in ${loc.label} (${rep.totalRows.toLocaleString('en')} rows)`);
    rows.push(row(engine, `generate ${rep.scale} data, ${rep.years} y (earlier run)`, rep.totalMs / 1000, 's', {
      note: `${rep.totalRows.toLocaleString('en')} rows, ${rep.rowsPerSecond.toLocaleString('en')} rows/s; reused`,
    }));
    return { ...loc, marker };
  }
  loc = { ...loc, drop: async () => {} };
  log(`${engine}: generating the ${o.scale} dataset (${o.years} years) in ${loc.label} …`);
  const t0 = performance.now();
  const rep = await runTask<ScaleReport>('cli/main.ts', ['demo', '--scale', o.scale, '--years', String(o.years), '--seed', o.seed, '--json'], loc.env, 4 * 3_600_000);
  const wall = (performance.now() - t0) / 1000;
  writeFileSync(marker, JSON.stringify({ ...rep, migrations: migrationsFingerprint() }));
  rows.push(row(engine, `generate ${rep.scale} data, ${rep.years} y (demo --scale)`, wall, 's', {
    note: `${rep.totalRows.toLocaleString('en')} rows (${rep.rows.hazards?.toLocaleString('en') ?? 0} hazards), ${rep.rowsPerSecond.toLocaleString('en')} rows/s`,
  }));
  return { ...loc, marker };
}

async function benchEngine(engine: Engine, o: Options, rows: Row[], details: Record<string, unknown>, save: () => void): Promise<void> {
  details.loadavgStart = os.loadavg();
  const load = { connections: o.connections, durationS: o.durationS, warmupS: o.warmupS, parallelism: engine === 'pg' ? 10 : 1 };

  // (5) First set-up of the demo on an empty database, then a cold start on it.
  if (!o.skip.has('startup')) {
    const setup = await freshLocation(engine, o, `sg_bench_setup_${process.pid}`);
    try {
      log(`${engine}: first set-up of the demo …`);
      const first = await startServer({ ...setup.env, SAFEGRID_DEMO: 'auto' });
      await first.stop();
      log(`${engine}: cold start …`);
      const cold = await startServer({ ...setup.env, SAFEGRID_DEMO: 'auto' });
      await cold.stop();
      rows.push(row(engine, 'first set-up of the demo → first 200', first.startMs / 1000, 's', { note: 'spawn, migrations, demo load, listen' }));
      rows.push(row(engine, 'cold start of the demo → first 200', cold.startMs / 1000, 's', {
        target: '≤ 5 s', met: cold.startMs <= 5000, note: engine === 'pglite' ? 'embedded demo after its first set-up' : 'informative (target is for the embedded demo)',
      }));
      details.startup = { firstMs: first.startMs, coldMs: cold.startMs };
    } finally {
      await setup.drop();
    }
    save();
  }

  // (6) Import of the Xining hierarchy and grid generation.
  if (!o.skip.has('units')) {
    log(`${engine}: Xining hierarchy import and grid generation …`);
    const u = await runTask<UnitsTaskResult>('bench/tasks/units-task.ts', [], engine === 'pg' ? { BENCH_PG_URL: o.serverUrl } : {});
    rows.push(row(engine, 'import Xining hierarchy (divisions + polygons)', u.importMs / 1000, 's', { note: `${u.units} units` }));
    rows.push(row(engine, 'generate provisional grids (city)', u.generateMs / 1000, 's', { note: `${u.grids} grids` }));
    details.units = u;
    save();
  }

  // The dataset, and the in-process measurements on it.
  const ds = await dataset(engine, o, rows);
  save();
  const cache = ds.marker.replace(/(\.dataset)?\.json$/, '') + '.inprocess.json';
  const cached = o.reuseInProcess && existsSync(cache) ? (JSON.parse(readFileSync(cache, 'utf8')) as Pick<DbTaskResult, 'lookup' | 'figuresDistrict' | 'figuresCity' | 'reassign'>) : null;
  log(`${engine}: ${cached ? 'accounts (in-process measurements from the last run)' : 'in-process measurements (look-ups, figures, re-assignment)'} …`);
  const password = `Bn-${Math.random().toString(36).slice(2, 12)}7aA`;
  const fresh = await runTask<DbTaskResult>('bench/tasks/db-task.ts', [JSON.stringify({
    lookups: 2000, reassignRows: o.skip.has('reassign') ? 0 : o.reassignRows[engine], workers: o.connections, durationMs: o.durationS * 1000,
    runs1: 5, points: 5000, measure: !cached,
  })], { ...ds.env, BENCH_PASSWORD: password });
  const task: DbTaskResult = cached ? { ...fresh, ...cached } : fresh;
  if (!cached) writeFileSync(cache, JSON.stringify({ lookup: task.lookup, figuresDistrict: task.figuresDistrict, figuresCity: task.figuresCity, reassign: task.reassign }));
  details.dataset = { generated: task.generated, counts: task.counts, from: task.from, to: task.to };
  details.inProcess = { lookup: task.lookup, figuresDistrict: task.figuresDistrict, figuresCity: task.figuresCity, reassign: task.reassign, hwmMb: task.hwmMb, reused: !!cached };
  if (task.lookup) {
    rows.push(row(engine, 'point → grid lookup p95 (in-process)', task.lookup.p95Ms, 'ms', {
      target: '< 1 ms', met: num(task.lookup.p95Ms) < 1, note: `p50 ${ms(task.lookup.p50Ms)} over ${task.lookup.count} points; ${task.lookup.wrong} placed differently`,
    }));
  }
  if (task.reassign) {
    const r = task.reassign;
    const moved = Object.values(r.moved).reduce((a, b) => a + b, 0);
    rows.push(row(engine, `re-assign ${(r.rows / 1e6).toLocaleString('en')} M located records after a boundary edit`, r.ms / 1000, 's', {
      target: engine === 'pg' ? '< 5 s (server engine)' : null, met: engine === 'pg' ? r.ms < 5000 : null, note: `${moved.toLocaleString('en')} moved between 2 grids`,
    }));
  }
  save();

  // Load over HTTP against the server as deployed.
  log(`${engine}: starting the server on the dataset …`);
  const server = await startServer({ ...ds.env, SAFEGRID_DEMO: 'off' });
  try {
    rows.push(row(engine, `cold start on the ${o.scale} dataset → first 200`, server.startMs / 1000, 's', { note: 'informative' }));
    const district = await login(server.baseUrl, task.users.district.username, password);
    const city = await login(server.baseUrl, task.users.city.username, password);

    // (1) Baseline: a bare Fastify hello-world, same machine, same run, same load.
    const port = await freePort();
    const t0 = performance.now();
    const h = spawnNode('bench/servers/hello.ts', [], { PORT: String(port) });
    let hello: LoadResult;
    try {
      await waitFor200(`http://127.0.0.1:${port}/`, t0, h, 60_000);
      log(`${engine}: hello-world baseline …`);
      hello = await loadHello(`http://127.0.0.1:${port}`, { connections: o.connections, durationS: o.durationS, warmupS: o.warmupS });
    } finally {
      await h.stop();
    }
    log(`${engine}: hazard list …`);
    const list = await loadHazardList(server.baseUrl, district, { ...load, pages: 10 });
    rows.push(row(engine, `hazard list, district scope, page of 50 (keyset, ${list.pages} pages)`, list.okPerSec, 'req/s', {
      baseline: hello.okPerSec, baselineLabel: 'bare Fastify hello-world', ratio: list.okPerSec / hello.okPerSec, ratioKind: 'fraction',
      target: '≥ 30 % of hello-world', met: list.okPerSec / hello.okPerSec >= 0.3,
      note: `p95 ${ms(list.latency.p95Ms)} at ${o.connections} connections for ${list.elapsedS.toFixed(0)} s; ${list.total - list.ok} non-2xx, ${list.timeouts} timeouts`,
    }));
    details.list = list;
    details.hello = hello;

    // (4) Figures at 50 concurrent users against the naive GROUP BY on the same data.
    save();
    for (const [label, s, f] of [['district', district, task.figuresDistrict], ['city', city, task.figuresCity]] as const) {
      if (!f) continue;
      log(`${engine}: figures (${label}) …`);
      const r = await loadFigures(server.baseUrl, s, { unit: f.unit, from: f.from, to: f.to }, load);
      const base = f.naiveN
        ? { v: f.naiveN.p95Ms, label: `naive GROUP BY over the ledger, p95 @ ${f.workers} (in-process)` }
        : { v: f.naive1.p50Ms, label: 'naive GROUP BY over the ledger, 1 user (50 would take too long)' };
      rows.push(row(engine, `figures, ${label} ${f.from}…${f.to}, p95 @ ${o.connections} users`, r.latency.p95Ms, 'ms', {
        baseline: base.v, baselineLabel: base.label, ratio: base.v / r.latency.p95Ms, ratioKind: 'speedup',
        target: '≤ 100 ms', met: num(r.latency.p95Ms) <= 100,
        note: `${r.okPerSec.toFixed(1)} req/s over ${r.elapsedS.toFixed(0)} s, ${r.total - r.ok} non-2xx, ${r.timeouts} timeouts; one user in-process: aggregate ${ms(f.aggregate1.p50Ms)} vs naive ${ms(f.naive1.p50Ms)}; figures equal: ${f.equal}`,
      }));
      details[`figures_${label}`] = r;
      save();
    }

    // (2) Hazard creation: validation, grid assignment, audit, figures.
    log(`${engine}: hazard creation …`);
    const createConnections = Math.min(o.connections, 10);
    const created = await loadHazardCreate(server.baseUrl, district, task.points, { ...load, connections: createConnections });
    rows.push(row(engine, `hazard creation (${createConnections} connections)`, created.okPerSec, 'req/s', {
      note: `p95 ${ms(created.latency.p95Ms)}, p50 ${ms(created.latency.p50Ms)} over ${created.elapsedS.toFixed(0)} s; ${created.total - created.ok} non-2xx, ${created.timeouts} timeouts`,
    }));
    rows.push(row(engine, 'hazard creation p95', created.latency.p95Ms, 'ms', { note: `${createConnections} connections` }));
    details.create = created;

    // (7) Peak memory of the server process.
    const mem = memoryOf(server.pid);
    rows.push(row(engine, 'server peak memory (VmHWM) under these loads', mem?.hwmMb ?? null, 'MB', { note: `RSS now ${mem?.rssMb.toFixed(0) ?? '?'} MB` }));
    details.serverMemory = mem;
  } finally {
    await server.stop();
  }
  details.loadavgEnd = os.loadavg();
  save();
}

/** Figures that came back through JSON: NaN arrives as null. */
function num(v: number | null | undefined): number {
  return typeof v === 'number' ? v : NaN;
}

function ms(v: number | null | undefined): string {
  return typeof v === 'number' && Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a';
}

function fmt(v: number | null, unit: string): string {
  if (v === null || !Number.isFinite(v)) return 'n/a';
  const n = Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
  return `${Number(n).toLocaleString('en')} ${unit}`;
}

export function renderTable(rows: Row[]): string {
  const head = ['engine', 'metric', 'value', 'baseline (same run)', 'ratio', 'target', 'met'];
  const body = rows.map((r) => [
    r.engine, r.metric, fmt(r.value, r.unit),
    r.baseline === null ? '' : `${fmt(r.baseline, r.unit)} (${r.baselineLabel})`,
    r.ratio === null || !Number.isFinite(r.ratio) ? '' : r.ratioKind === 'speedup' ? `baseline/value ${r.ratio.toFixed(1)}` : `${(r.ratio * 100).toFixed(0)} %`,
    r.target ?? '', r.met === null ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  const startedAt = new Date().toISOString();
  const machine = {
    cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version,
    os: `${os.type()} ${os.release()}`, loadavgStart: os.loadavg(),
  };
  const rows: Row[] = [];
  const details: Record<string, Record<string, unknown>> = {};
  // Written after every step, so that an interrupted run keeps what it measured.
  const save = (done = false) => {
    const result = {
      startedAt, finishedAt: done ? new Date().toISOString() : null, complete: done, machine: { ...machine, loadavgEnd: os.loadavg() },
      options: { engines: o.engines, scale: o.scale, years: o.years, seed: o.seed, durationS: o.durationS, warmupS: o.warmupS, connections: o.connections, reassignRows: o.reassignRows },
      rows, details,
    };
    mkdirSync(path.dirname(o.json), { recursive: true });
    writeFileSync(o.json, JSON.stringify(result, null, 2) + '\n');
  };
  for (const e of o.engines) {
    details[e] = {};
    await benchEngine(e, o, rows, details[e], () => save());
  }
  save(true);
  console.log(renderTable(rows));
  console.log(`\n${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}; load average ${machine.loadavgStart.map((x) => x.toFixed(1)).join(' ')} → ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log(`Written to ${path.relative(ROOT, o.json)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, 'bench', 'run.ts')) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
