// Task: the in-process measurements on a generated dataset (the deployment's database named by
// SAFEGRID_DATA_DIR or DATABASE_URL, opened like the CLI opens it): point → grid look-ups, the
// figures two ways, the re-assignment after a boundary edit; and what the load phase needs
// (accounts with a known password, points for new hazards, the period). Prints JSON.
import { sql } from '../../server/db/client.js';
import { openCli } from '../../cli/context.js';
import { GENERATED_KEY, type ScaleReport } from '../../server/demo/scale/generate.js';
import { loadGeography } from '../../server/demo/scale/geography.js';
import { compareFigures, ensureBenchUsers, hazardsServiceOf, measureLookup, measureReassign, pointsUnder } from '../metrics.js';
import { memoryOf } from '../lib/proc.js';
import { addDays, localDay } from '../../common/time.js';

interface TaskOptions {
  lookups: number;
  reassignRows: number;
  workers: number;
  durationMs: number;
  runs1: number;
  points: number;
  /** false: only the accounts, the points and the period (the measurements come from an earlier run). */
  measure: boolean;
}

const o = JSON.parse(process.argv[2] ?? '{}') as TaskOptions;
const cli = await openCli('bench');
try {
  const { db } = cli.ctx;
  const gen = (await db.one<{ value: ScaleReport }>(sql`SELECT value FROM settings WHERE key = ${GENERATED_KEY}`))?.value ?? null;
  const users = await ensureBenchUsers(db, process.env.BENCH_PASSWORD);
  const geo = await loadGeography(db);
  const today = localDay(cli.ctx.clock.now(), cli.ctx.config.timeZone);
  const oldest = (await db.one<{ d: string | null }>(sql`SELECT (min(created_at) AT TIME ZONE ${cli.ctx.config.timeZone})::date::text AS d FROM hazards`))?.d ?? today;
  // The figures API answers periods of at most three years.
  const limit = addDays(today, -(3 * 366 - 1));
  const from = oldest < limit ? limit : oldest;
  const counts = await db.one<{ hazards: number; events: number; stats: number; located: number }>(sql`SELECT
      (SELECT count(*) FROM hazards)::int AS hazards, (SELECT count(*) FROM hazard_events)::int AS events,
      (SELECT count(*) FROM hazard_stats_daily)::int AS stats, (SELECT count(*) FROM places)::int + (SELECT count(*) FROM enterprises)::int AS located`);
  const measure = o.measure !== false;
  const lookup = measure ? await measureLookup(db, geo, o.lookups) : null;
  const hazards = hazardsServiceOf(cli);
  const fo = { from, to: today, workers: o.workers, durationMs: o.durationMs, runs1: o.runs1, maxCallsN: o.workers * 4 };
  const figuresDistrict = measure ? await compareFigures(cli.ctx, hazards, { ...fo, unit: users.district.unitCode }) : null;
  const figuresCity = measure ? await compareFigures(cli.ctx, hazards, { ...fo, unit: users.city.unitCode }) : null;
  const reassign = measure && o.reassignRows > 0 ? await measureReassign(db, o.reassignRows) : null;
  const points = pointsUnder(geo, users.district.unitPath, o.points);
  process.stdout.write(JSON.stringify({
    engine: db.engine, generated: gen, users, from, to: today, oldest, counts, lookup, figuresDistrict, figuresCity, reassign, points,
    hwmMb: memoryOf(process.pid)?.hwmMb ?? null,
  }) + '\n');
} finally {
  await cli.close();
}
