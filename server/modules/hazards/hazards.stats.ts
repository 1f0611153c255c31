// Figures from incrementally maintained aggregates: every step that changes a figure adds to one
// row of hazard_stats_daily (grid path × industry × day in the deployment's zone × category ×
// grade) and to its roll-up hazard_stats_rollup (each ancestor down to depth 4 × day and month ×
// category × grade) in the same transaction. Queries sum rows under a unit path prefix, never
// scan hazards: a district or the city reads its own roll-up rows (whole months, plus the days
// of partial months), deeper units and industry-scoped readers the daily rows under the path.
import { sql, type Executor, type SQL } from '../../db/client.js';
import { addDays } from '../../../common/time.js';

export type StatCounter = 'found' | 'rejected' | 'rectified' | 'rectified_on_time' | 'overdue' | 'escalated' | 'reopened';
export const STAT_COUNTERS: readonly StatCounter[] = ['found', 'rejected', 'rectified', 'rectified_on_time', 'overdue', 'escalated', 'reopened'];

export interface StatKey {
  unitPath: string;
  industryCode: string | null;
  /** 'YYYY-MM-DD' in the deployment's zone. */
  day: string;
  category: string;
  grade: string;
}

export async function bumpStats(tx: Executor, key: StatKey, delta: Partial<Record<StatCounter, number>>): Promise<void> {
  const v = (c: StatCounter) => delta[c] ?? 0;
  if (STAT_COUNTERS.every((c) => v(c) === 0)) return;
  await tx.rows(sql`INSERT INTO hazard_stats_daily (unit_path, industry_code, day, category, grade, found, rejected, rectified, rectified_on_time,
      overdue, escalated, reopened)
    VALUES (${key.unitPath}::ltree, ${key.industryCode ?? ''}, ${key.day}::date, ${key.category}, ${key.grade}, ${v('found')}, ${v('rejected')},
      ${v('rectified')}, ${v('rectified_on_time')}, ${v('overdue')}, ${v('escalated')}, ${v('reopened')})
    ON CONFLICT (unit_path, industry_code, day, category, grade) DO UPDATE SET
      found = hazard_stats_daily.found + EXCLUDED.found,
      rejected = hazard_stats_daily.rejected + EXCLUDED.rejected,
      rectified = hazard_stats_daily.rectified + EXCLUDED.rectified,
      rectified_on_time = hazard_stats_daily.rectified_on_time + EXCLUDED.rectified_on_time,
      overdue = hazard_stats_daily.overdue + EXCLUDED.overdue,
      escalated = hazard_stats_daily.escalated + EXCLUDED.escalated,
      reopened = hazard_stats_daily.reopened + EXCLUDED.reopened`);
  await tx.rows(sql`INSERT INTO hazard_stats_rollup AS r (unit_path, period, day, category, grade, found, rejected, rectified, rectified_on_time,
      overdue, escalated, reopened)
    SELECT subpath(k.p, 0, l.depth), x.period, CASE x.period WHEN 'day' THEN k.d ELSE date_trunc('month', k.d)::date END, ${key.category}, ${key.grade},
      ${v('found')}, ${v('rejected')}, ${v('rectified')}, ${v('rectified_on_time')}, ${v('overdue')}, ${v('escalated')}, ${v('reopened')}
    FROM (SELECT ${key.unitPath}::ltree AS p, ${key.day}::date AS d) k
      CROSS JOIN LATERAL generate_series(1, least(nlevel(k.p), ${ROLLUP_DEPTH}::int)) AS l(depth)
      CROSS JOIN (VALUES ('day'), ('month')) AS x(period)
    ON CONFLICT (unit_path, period, day, category, grade) DO UPDATE SET
      found = r.found + EXCLUDED.found, rejected = r.rejected + EXCLUDED.rejected, rectified = r.rectified + EXCLUDED.rectified,
      rectified_on_time = r.rectified_on_time + EXCLUDED.rectified_on_time, overdue = r.overdue + EXCLUDED.overdue,
      escalated = r.escalated + EXCLUDED.escalated, reopened = r.reopened + EXCLUDED.reopened`);
}

/** The deepest unit level that has roll-up rows (root 1, city 2, district 3, street 4): as in migration 0007. */
export const ROLLUP_DEPTH = 4;

export interface StatsRow {
  key: string;
  found: number;
  rejected: number;
  rectified: number;
  rectified_on_time: number;
  overdue: number;
  escalated: number;
  reopened: number;
}

export type StatsGroupBy = 'total' | 'category' | 'grade' | 'unit' | 'month';

const SUMS = sql`sum(s.found)::int AS found, sum(s.rejected)::int AS rejected, sum(s.rectified)::int AS rectified,
  sum(s.rectified_on_time)::int AS rectified_on_time, sum(s.overdue)::int AS overdue, sum(s.escalated)::int AS escalated,
  sum(s.reopened)::int AS reopened`;

/**
 * [from, to] split into whole months (first days `monthFrom`…`monthTo`) and the days of the
 * partial months at the ends; `null` months when the period holds no whole month.
 */
export function splitPeriod(from: string, to: string): { months: { from: string; to: string } | null; days: Array<{ from: string; to: string }> } {
  const firstWhole = from.endsWith('-01') ? from : `${addDays(`${from.slice(0, 7)}-01`, 32).slice(0, 7)}-01`;
  const toMonthStart = `${to.slice(0, 7)}-01`;
  const lastWholeEnd = addDays(to, 1).endsWith('-01') ? to : addDays(toMonthStart, -1);
  if (firstWhole > lastWholeEnd) return { months: null, days: [{ from, to }] };
  const days: Array<{ from: string; to: string }> = [];
  if (from < firstWhole) days.push({ from, to: addDays(firstWhole, -1) });
  if (lastWholeEnd < to) days.push({ from: addDays(lastWholeEnd, 1), to });
  return { months: { from: firstWhole, to: `${lastWholeEnd.slice(0, 7)}-01` }, days };
}

export interface StatsFilter {
  scope: SQL;
  unitPath: string;
  from: string;
  to: string;
  category?: string;
  grade?: string;
  by: StatsGroupBy;
  /** The reader sees the whole unit (a plain grant covering it): its roll-up rows may be read. */
  wholeUnit?: boolean;
}

/** Sums of the aggregate rows under `unitPath` between two days (inclusive), grouped as asked. */
export async function queryStats(db: Executor, f: StatsFilter): Promise<StatsRow[]> {
  const depth = f.unitPath.split('.').length;
  if (f.wholeUnit && depth <= ROLLUP_DEPTH && (f.by !== 'unit' || depth + 1 <= ROLLUP_DEPTH)) return queryRollup(db, f, depth);
  const key: SQL =
    f.by === 'category' ? sql`s.category`
    : f.by === 'grade' ? sql`s.grade`
    : f.by === 'unit' ? sql`CASE WHEN nlevel(s.unit_path) > ${depth} THEN subpath(s.unit_path, 0, ${depth + 1})::text ELSE s.unit_path::text END`
    : f.by === 'month' ? sql`to_char(s.day, 'YYYY-MM')`
    : sql`'total'`;
  const w: SQL[] = [f.scope, sql`s.unit_path <@ ${f.unitPath}::ltree`, sql`s.day BETWEEN ${f.from}::date AND ${f.to}::date`];
  if (f.category) w.push(sql`s.category = ${f.category}`);
  if (f.grade) w.push(sql`s.grade = ${f.grade}`);
  return db.rows<StatsRow>(sql`SELECT ${key} AS key, ${SUMS}
    FROM hazard_stats_daily s WHERE ${sql.join(w, sql` AND `)} GROUP BY 1 ORDER BY 1`);
}

/** The same sums from the roll-up rows of the unit (or, by unit, of its children and itself). */
async function queryRollup(db: Executor, f: StatsFilter, depth: number): Promise<StatsRow[]> {
  const p = splitPeriod(f.from, f.to);
  const when: SQL[] = p.days.map((d) => sql`(s.period = 'day' AND s.day BETWEEN ${d.from}::date AND ${d.to}::date)`);
  if (p.months) when.push(sql`(s.period = 'month' AND s.day BETWEEN ${p.months.from}::date AND ${p.months.to}::date)`);
  const w: SQL[] = [sql`(${sql.join(when, sql` OR `)})`];
  if (f.category) w.push(sql`s.category = ${f.category}`);
  if (f.grade) w.push(sql`s.grade = ${f.grade}`);
  if (f.by !== 'unit') {
    const key: SQL =
      f.by === 'category' ? sql`s.category`
      : f.by === 'grade' ? sql`s.grade`
      : f.by === 'month' ? sql`to_char(s.day, 'YYYY-MM')`
      : sql`'total'`;
    return db.rows<StatsRow>(sql`SELECT ${key} AS key, ${SUMS}
      FROM hazard_stats_rollup s WHERE s.unit_path = ${f.unitPath}::ltree AND ${sql.join(w, sql` AND `)} GROUP BY 1 ORDER BY 1`);
  }
  // By unit: each child's roll-up; what lies on the unit itself is its roll-up less its children's.
  const rows = await db.rows<StatsRow>(sql`SELECT s.unit_path::text AS key, ${SUMS}
    FROM hazard_stats_rollup s
    WHERE (s.unit_path = ${f.unitPath}::ltree
        OR s.unit_path = ANY(ARRAY(SELECT u.path FROM units u WHERE u.path <@ ${f.unitPath}::ltree AND nlevel(u.path) = ${depth + 1})))
      AND ${sql.join(w, sql` AND `)}
    GROUP BY 1 ORDER BY 1`);
  const own = rows.find((r) => r.key === f.unitPath);
  const out = rows.filter((r) => r.key !== f.unitPath);
  if (own) {
    const rest = { ...own };
    for (const c of out) for (const k of STAT_COUNTERS) rest[k] -= c[k];
    if (STAT_COUNTERS.some((k) => rest[k] !== 0)) out.push(rest);
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The open hazards under a unit of depth ≤ ROLLUP_DEPTH, from hazard_open_counts (kept by a
 * trigger on hazards): open, overdue (due before `today`) and listed for supervision.
 */
export async function queryOpenCounts(db: Executor, f: { unitPath: string; today: string; category?: string; grade?: string }) {
  const r = await db.one<{ open: number; overdue: number; listed: number }>(sql`SELECT coalesce(sum(c.n), 0)::int AS open,
      coalesce(sum(c.n) FILTER (WHERE c.due < ${f.today}::date), 0)::int AS overdue, coalesce(sum(c.n) FILTER (WHERE c.listed), 0)::int AS listed
    FROM hazard_open_counts c WHERE c.unit_path = ${f.unitPath}::ltree
      ${f.category ? sql`AND c.category = ${f.category}` : sql``} ${f.grade ? sql`AND c.grade = ${f.grade}` : sql``}`);
  return r ?? { open: 0, overdue: 0, listed: 0 };
}
