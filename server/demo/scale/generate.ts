// `npm run cli -- demo --scale city|megacity --years N --seed S`: deterministic synthetic
// records on top of the imported hierarchy and its grids, bulk-loaded with COPY; then the
// aggregates the hazards module maintains, the sequences, ANALYZE, and one audit row.
// The same seed, hierarchy and end date give the same records.
import type { ModuleContext } from '../../core/module.js';
import { sql, type Database } from '../../db/client.js';
import { hazardConfigStore } from '../../modules/hazards/hazards.config.js';
import { addHazardStats, refillHazardStatsRollup } from './aggregates.js';
import { beginBulk, restorePendingIndexes, TableSink } from './bulk.js';
import { DAY, LocalTime, WorkingDays, dayNumberOf, dayOfLocal, isoOfDayNumber } from './calendar.js';
import { calendarStore } from '../../modules/deadlines/deadlines.calendar.js';
import { loadGeography } from './geography.js';
import { generateHistory, HISTORY_COLUMNS } from './history.js';
import { SCALES, type ScaleName } from './profiles.js';
import { rng } from '../../../common/random.js';
import { buildRegistries, REGISTRY_COLUMNS, type IdCounters } from './registries.js';

export interface ScaleOptions {
  scale: ScaleName | { residents: number };
  years: number;
  seed: string;
  /** Last day of the history ('YYYY-MM-DD', deployment zone); default: now. */
  until?: string;
  /** Rows per COPY chunk. */
  chunkRows?: number;
  log?: (msg: string) => void;
  onProgress?: (phase: string, done: number, total: number) => void;
}

export interface ScaleReport {
  scale: string;
  residents: number;
  years: number;
  seed: string;
  from: string;
  to: string;
  engine: string;
  rows: Record<string, number>;
  totalRows: number;
  phasesMs: Record<string, number>;
  /** Time to rebuild each index after the load. */
  indexMs: Record<string, number>;
  totalMs: number;
  rowsPerSecond: number;
}

export const GENERATED_KEY = 'scale.generated';

const TABLES = ['users', 'grants', 'grid_workers', 'enterprises', 'places', 'people_at_risk', 'inspections', 'hazards', 'hazard_events',
  'hazard_escalations', 'hazard_sources', 'public_reports', 'public_report_events', 'hazard_stats_daily'] as const;

async function maxIds(db: Database, tables: string[]): Promise<IdCounters> {
  const next = new Map<string, bigint>();
  for (const t of tables) {
    const r = await db.one<{ m: string | null }>(sql`SELECT max(id)::text AS m FROM ${sql.identifier(t)}`);
    next.set(t, BigInt(r?.m ?? '0') + 1n);
  }
  return {
    next(table: string) {
      const v = next.get(table) ?? 1n;
      next.set(table, v + 1n);
      return v.toString();
    },
    peek(table: string) {
      return (next.get(table) ?? 1n).toString();
    },
  };
}

async function nextOfSequence(db: Database, seq: string): Promise<number> {
  const r = await db.one<{ last_value: string; is_called: boolean }>(sql`SELECT last_value::text AS last_value, is_called FROM ${sql.identifier(seq)}`);
  return r ? Number(r.last_value) + (r.is_called ? 1 : 0) : 1;
}

/** Placeholder inspection templates when the deployment has none for a target yet. */
async function ensureTemplates(db: Database): Promise<{ place: string | null; enterprise: string | null; byKind: Map<string, string> }> {
  const load = () => db.rows<{ id: string; target: string; place_kinds: string[] }>(sql`
    SELECT id::text AS id, target, place_kinds FROM checklist_templates WHERE superseded_at IS NULL AND status = 'active' ORDER BY code`);
  let rows = await load();
  for (const target of ['place', 'enterprise'] as const) {
    if (rows.some((r) => r.target === target)) continue;
    await db.tx(async (tx) => {
      const t = await tx.one<{ id: string }>(sql`INSERT INTO checklist_templates (code, version, name_zh, name_en, target)
        VALUES (${`scale.${target}`}, 1, ${target === 'place' ? '场所综合安全检查' : '企业安全生产检查'},
          ${target === 'place' ? 'General safety inspection of a place' : 'Work-safety inspection of an enterprise'}, ${target}) RETURNING id::text AS id`);
      await tx.rows(sql`INSERT INTO checklist_items (template_id, seq, item_key, text_zh, text_en, answer_type, fail_category, fail_grade, fail_days)
        VALUES (${t!.id}::bigint, 1, 'general', '综合检查结论', 'Overall finding', 'pass_fail', 'safety_management', 'general', 10)`);
    });
  }
  rows = await load();
  const byKind = new Map<string, string>();
  for (const r of rows) if (r.target === 'place') for (const k of r.place_kinds) if (!byKind.has(k)) byKind.set(k, r.id);
  return {
    place: rows.find((r) => r.target === 'place' && r.place_kinds.length === 0)?.id ?? rows.find((r) => r.target === 'place')?.id ?? null,
    enterprise: rows.find((r) => r.target === 'enterprise')?.id ?? null,
    byKind,
  };
}

export async function generateScale(ctx: ModuleContext, opts: ScaleOptions): Promise<ScaleReport> {
  const { db } = ctx;
  const log = opts.log ?? (() => {});
  const progress = opts.onProgress ?? (() => {});
  const t0 = Date.now();
  const phases: Record<string, number> = {};
  let tPhase = Date.now();
  const phase = (name: string) => {
    phases[name] = Date.now() - tPhase;
    tPhase = Date.now();
  };

  await restorePendingIndexes(db, log);
  const existing = await db.one<{ value: ScaleReport }>(sql`SELECT value FROM settings WHERE key = ${GENERATED_KEY}`);
  if (existing) {
    throw new Error(`scale data was generated here already (${existing.value.scale}, ${existing.value.years} years, seed ${existing.value.seed}); use a fresh data directory or database`);
  }
  const profile = typeof opts.scale === 'string' ? SCALES[opts.scale] : { name: 'custom' as const, residents: opts.scale.residents };
  if (!(opts.years > 0 && opts.years <= 30)) throw new Error('--years must be between 1 and 30');
  const seed = opts.seed;
  const stream = (purpose: string) => rng(`${seed}:${purpose}`);
  const lt = new LocalTime(ctx.config.timeZone);
  const nowLocal = opts.until ? (dayNumberOf(opts.until) + 1) * DAY - 60_000 : lt.localOf(ctx.clock.now());
  const endDay = dayOfLocal(nowLocal);
  const startDay = endDay - Math.round(opts.years * 365.25) + 1;

  const geo = await loadGeography(db);
  const weights = geo.grids.map((g) => Math.max(1, g.households));
  const wsum = weights.reduce((s, w) => s + w, 0);
  const residents = Float64Array.from(weights, (w) => (profile.residents * w) / wsum);
  log(`${geo.grids.length} grids in ${geo.communities.length} communities, ${geo.streets.length} streets, ${geo.districts.length} districts; ${profile.residents.toLocaleString('en')} residents; ${isoOfDayNumber(startDay)} … ${isoOfDayNumber(endDay)}`);

  const cfg = hazardConfigStore(db);
  const settings = await cfg.settings();
  const calendar = await calendarStore.forYears(db, Number(isoOfDayNumber(startDay - 30).slice(0, 4)), Number(isoOfDayNumber(endDay + 800).slice(0, 4)));
  const wd = new WorkingDays(calendar);
  const intervals = new Map(
    (await db.rows<{ grade: string; risk_level: number; months: number }>(sql`SELECT grade, risk_level, months FROM inspection_intervals`)).map((r) => [
      `${r.grade}|${r.risk_level}`, Number(r.months),
    ]),
  );
  const templates = await ensureTemplates(db);
  const ids = await maxIds(db, ['users', 'enterprises', 'places', 'people_at_risk', 'inspections', 'hazards', 'public_reports']);
  const firstHazard = ids.peek('hazards');
  const codes = { hazard: await nextOfSequence(db, 'hazard_code_seq'), inspection: await nextOfSequence(db, 'inspection_code_seq') };
  phase('prepare');

  const chunk = opts.chunkRows ?? 50_000;
  const sink = (table: keyof typeof REGISTRY_COLUMNS | keyof typeof HISTORY_COLUMNS, parents: TableSink[] = []) =>
    new TableSink(db, table, (REGISTRY_COLUMNS as Record<string, readonly string[]>)[table] ?? (HISTORY_COLUMNS as Record<string, readonly string[]>)[table]!, chunk, parents);

  const bulk = await beginBulk(db, TABLES, profile.residents * opts.years >= 50_000);
  let rows: Record<string, number>;
  let hazardsMade: number;
  const indexMs: Record<string, number> = {};
  try {
    const users = sink('users');
    const enterprises = sink('enterprises');
    const places = sink('places', [enterprises]);
    const regSinks = {
      users, grants: sink('grants', [users]), gridWorkers: sink('grid_workers', [users]), enterprises, places, people: sink('people_at_risk'),
    };
    const reg = await buildRegistries(ctx, geo, residents, regSinks, ids, {
      seed, rng: stream, startDay, endDay, nowIso: isoOfDayNumber(endDay), onProgress: (d, t) => progress('registries', d, t),
    });
    for (const s of Object.values(regSinks)) await s.finish();
    phase('registries');

    const inspections = sink('inspections', [places, enterprises]);
    const hazards = sink('hazards', [places, enterprises]);
    const reports = sink('public_reports');
    const histSinks = {
      inspections, hazards, events: sink('hazard_events', [hazards]), escalations: sink('hazard_escalations', [hazards]),
      sources: sink('hazard_sources', [hazards]), reports, reportEvents: sink('public_report_events', [reports]),
    };
    const counts = await generateHistory({
      geo, reg, residents, wd, lt, settings, calendarVersion: calendar.version, startDay, endDay, nowLocal, rng: stream, ids: ids, codes,
      templates, intervals, onProgress: (d, t) => progress('history', d, t),
    }, histSinks);
    await histSinks.hazards.finish();
    for (const s of Object.values(histSinks)) await s.finish();
    hazardsMade = counts.hazards;
    rows = Object.fromEntries([...Object.values(regSinks), ...Object.values(histSinks)].map((s) => [s.table, s.rows]));
    phase('history');

    // The figures, while the aggregate's secondary indexes are down too.
    progress('figures', 0, 1);
    if (hazardsMade > 0) {
      const lastHazard = (BigInt(firstHazard) + BigInt(hazardsMade) - 1n).toString();
      rows.hazard_stats_daily = await addHazardStats(db, ctx.config.timeZone, firstHazard, lastHazard);
      rows.hazard_stats_rollup = await refillHazardStatsRollup(db);
    }
    progress('figures', 1, 1);
    phase('figures');
  } finally {
    await bulk.finish((d, t, name, ms) => {
      indexMs[name] = ms;
      progress('indexes', d, t);
    });
    phase('indexes');
  }

  // Sequences past the explicit ids and codes.
  for (const t of ['users', 'enterprises', 'places', 'people_at_risk', 'inspections', 'hazards', 'public_reports']) {
    await db.rows(sql`SELECT setval(pg_get_serial_sequence(${t}, 'id'), GREATEST((SELECT max(id) FROM ${sql.identifier(t)}), 1))`);
  }
  if (codes.hazard > 1) await db.rows(sql`SELECT setval('hazard_code_seq', ${codes.hazard - 1})`);
  if (codes.inspection > 1) await db.rows(sql`SELECT setval('inspection_code_seq', ${codes.inspection - 1})`);

  for (const [i, t] of TABLES.entries()) {
    await db.exec(`ANALYZE ${t}`);
    progress('analyze', i + 1, TABLES.length);
  }
  phase('analyze');

  const totalRows = Object.values(rows).reduce((s, n) => s + n, 0);
  const totalMs = Date.now() - t0;
  const report: ScaleReport = {
    scale: profile.name, residents: profile.residents, years: opts.years, seed, from: isoOfDayNumber(startDay), to: isoOfDayNumber(endDay),
    engine: db.engine, rows, totalRows, phasesMs: phases, indexMs, totalMs, rowsPerSecond: Math.round(totalRows / (totalMs / 1000)),
  };
  await db.tx(async (tx) => {
    await tx.rows(sql`INSERT INTO settings (key, value) VALUES (${GENERATED_KEY}, ${JSON.stringify(report)}::jsonb)`);
    await ctx.audit.write(tx, { userId: null, username: 'scale-generator' }, {
      action: 'demo.scale.generate', objectType: 'settings', objectId: GENERATED_KEY,
      summary: { scale: report.scale, residents: report.residents, years: report.years, seed, from: report.from, to: report.to, rows: totalRows },
    });
  });
  return report;
}
