// Figures from incrementally maintained aggregates: every step that changes a figure adds to one
// row of hazard_stats_daily (grid path × industry × day in the deployment's zone × category ×
// grade) in the same transaction. Queries sum rows under a unit path prefix, never scan hazards.
import { sql, type Executor, type SQL } from '../../db/client.js';

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
}

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

/** Sums of the aggregate rows under `unitPath` between two days (inclusive), grouped as asked. */
export function queryStats(db: Executor, f: { scope: SQL; unitPath: string; from: string; to: string; category?: string; grade?: string; by: StatsGroupBy }) {
  const depth = f.unitPath.split('.').length;
  const key: SQL =
    f.by === 'category' ? sql`s.category`
    : f.by === 'grade' ? sql`s.grade`
    : f.by === 'unit' ? sql`CASE WHEN nlevel(s.unit_path) > ${depth} THEN subpath(s.unit_path, 0, ${depth + 1})::text ELSE s.unit_path::text END`
    : f.by === 'month' ? sql`to_char(s.day, 'YYYY-MM')`
    : sql`'total'`;
  const w: SQL[] = [f.scope, sql`s.unit_path <@ ${f.unitPath}::ltree`, sql`s.day BETWEEN ${f.from}::date AND ${f.to}::date`];
  if (f.category) w.push(sql`s.category = ${f.category}`);
  if (f.grade) w.push(sql`s.grade = ${f.grade}`);
  return db.rows<StatsRow>(sql`SELECT ${key} AS key, sum(s.found)::int AS found, sum(s.rejected)::int AS rejected, sum(s.rectified)::int AS rectified,
      sum(s.rectified_on_time)::int AS rectified_on_time, sum(s.overdue)::int AS overdue, sum(s.escalated)::int AS escalated,
      sum(s.reopened)::int AS reopened
    FROM hazard_stats_daily s WHERE ${sql.join(w, sql` AND `)} GROUP BY 1 ORDER BY 1`);
}
