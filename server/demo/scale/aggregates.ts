// The hazard figures, set-based. The hazards module keeps hazard_stats_daily up to date one step
// at a time (hazards.service.ts → bumpStats): found on the day a hazard is created, rejected /
// rectified (+ on time) / reopened on the day of that event, overdue and escalated on the due day
// of escalation levels 0 and 1; keyed by grid path, industry ('' for none), the day in the
// deployment's zone, category and grade. The same figures computed with GROUP BY over the ledger
// add bulk-loaded hazards to the aggregate, and serve as the naive baseline of the benchmark.
import { sql, type Executor, type SQL } from '../../db/client.js';

function contributions(tz: string, hazardFilter: SQL, eventFilter: SQL, escalationFilter: SQL): SQL {
  return sql`
    SELECT h.unit_path, coalesce(h.industry_code, '') AS industry_code, (h.created_at AT TIME ZONE ${tz})::date AS day, h.category, h.grade,
      1 AS found, 0 AS rejected, 0 AS rectified, 0 AS on_time, 0 AS overdue, 0 AS escalated, 0 AS reopened
    FROM hazards h WHERE ${hazardFilter}
    UNION ALL
    SELECT h.unit_path, coalesce(h.industry_code, ''), (e.at AT TIME ZONE ${tz})::date, h.category, h.grade,
      0, (e.action = 'reject')::int, (e.action = 'accept')::int, (e.action = 'accept' AND coalesce((e.data->>'onTime')::boolean, false))::int,
      0, 0, (e.action = 'reopen')::int
    FROM hazard_events e JOIN hazards h ON h.id = e.hazard_id
    WHERE e.action IN ('reject', 'accept', 'reopen') AND ${eventFilter}
    UNION ALL
    SELECT h.unit_path, coalesce(h.industry_code, ''), x.due_on, h.category, h.grade,
      0, 0, 0, 0, (x.level = 0)::int, (x.level = 1)::int, 0
    FROM hazard_escalations x JOIN hazards h ON h.id = x.hazard_id
    WHERE x.level IN (0, 1) AND ${escalationFilter}`;
}

/** Adds the figures of the hazards with ids in [fromId, toId] to hazard_stats_daily. */
export async function addHazardStats(db: Executor, tz: string, fromId: string, toId: string): Promise<number> {
  return db.tx(async (tx) => {
    await tx.rows(sql`SET LOCAL work_mem = '256MB'`);
    const rows = await tx.rows<{ n: number }>(sql`
      WITH ins AS (
        INSERT INTO hazard_stats_daily AS s (unit_path, industry_code, day, category, grade, found, rejected, rectified, rectified_on_time,
          overdue, escalated, reopened)
        SELECT unit_path, industry_code, day, category, grade, sum(found), sum(rejected), sum(rectified), sum(on_time), sum(overdue),
          sum(escalated), sum(reopened)
        FROM (${contributions(tz,
          sql`h.id BETWEEN ${fromId}::bigint AND ${toId}::bigint`,
          sql`e.hazard_id BETWEEN ${fromId}::bigint AND ${toId}::bigint`,
          sql`x.hazard_id BETWEEN ${fromId}::bigint AND ${toId}::bigint`)}) c
        GROUP BY 1, 2, 3, 4, 5
        ON CONFLICT (unit_path, industry_code, day, category, grade) DO UPDATE SET
          found = s.found + EXCLUDED.found, rejected = s.rejected + EXCLUDED.rejected, rectified = s.rectified + EXCLUDED.rectified,
          rectified_on_time = s.rectified_on_time + EXCLUDED.rectified_on_time, overdue = s.overdue + EXCLUDED.overdue,
          escalated = s.escalated + EXCLUDED.escalated, reopened = s.reopened + EXCLUDED.reopened
        RETURNING 1)
      SELECT count(*)::int AS n FROM ins`);
    return rows[0]?.n ?? 0;
  });
}

/** Recomputes hazard_stats_daily from the whole ledger. */
export async function rebuildHazardStats(db: Executor, tz: string): Promise<number> {
  return db.tx(async (tx) => {
    await tx.rows(sql`DELETE FROM hazard_stats_daily`);
    const r = await tx.one<{ min: string | null; max: string | null }>(sql`SELECT min(id)::text AS min, max(id)::text AS max FROM hazards`);
    if (!r?.min || !r.max) {
      await refillHazardStatsRollup(tx);
      return 0;
    }
    const n = await addHazardStats(tx, tz, r.min, r.max);
    await refillHazardStatsRollup(tx);
    return n;
  });
}

/**
 * Recomputes what the hazards module keeps beside the ledger for the figures page and which a
 * bulk load (triggers off) leaves behind: the roll-up of the figures (hazard_stats_rollup, from
 * hazard_stats_daily) and the open-hazard counts (hazard_open_counts, from hazards).
 */
export async function refillHazardStatsRollup(db: Executor): Promise<number> {
  return db.tx(async (tx) => {
    await tx.rows(sql`SET LOCAL work_mem = '256MB'`);
    const r = await tx.one<{ n: string }>(sql`SELECT hazard_stats_rollup_refill()::text AS n`);
    await tx.rows(sql`SELECT hazard_open_counts_refill()`);
    await tx.rows(sql`ANALYZE hazard_stats_rollup`);
    await tx.rows(sql`ANALYZE hazard_open_counts`);
    return Number(r?.n ?? 0);
  });
}

export interface FigureRow {
  key: string;
  found: number;
  rejected: number;
  rectified: number;
  rectified_on_time: number;
  overdue: number;
  escalated: number;
  reopened: number;
}

/**
 * The naive way to the figures page: GROUP BY over the ledger (hazards, their events and
 * escalations) for a unit subtree and a period, by category, plus the open-now counts.
 */
export async function naiveFigures(db: Executor, o: { tz: string; unitPath: string; from: string; to: string; today: string }) {
  const inPeriod = (day: SQL) => sql`${day} BETWEEN ${o.from}::date AND ${o.to}::date`;
  const under = sql`h.unit_path <@ ${o.unitPath}::ltree`;
  const groups = await db.rows<FigureRow>(sql`
    SELECT category AS key, sum(found)::int AS found, sum(rejected)::int AS rejected, sum(rectified)::int AS rectified,
      sum(on_time)::int AS rectified_on_time, sum(overdue)::int AS overdue, sum(escalated)::int AS escalated, sum(reopened)::int AS reopened
    FROM (${contributions(o.tz,
      sql`${under} AND ${inPeriod(sql`(h.created_at AT TIME ZONE ${o.tz})::date`)}`,
      sql`${under} AND ${inPeriod(sql`(e.at AT TIME ZONE ${o.tz})::date`)}`,
      sql`${under} AND ${inPeriod(sql`x.due_on`)}`)}) c
    GROUP BY 1 ORDER BY 1`);
  const open = await db.one<{ open: number; overdue: number; listed: number }>(sql`SELECT count(*)::int AS open,
      count(*) FILTER (WHERE h.state IN ('confirmed', 'rectifying') AND h.deadline < ${o.today}::date)::int AS overdue,
      count(*) FILTER (WHERE h.listed_at IS NOT NULL AND h.delisted_at IS NULL)::int AS listed
    FROM hazards h WHERE ${under} AND h.state IN ('reported', 'confirmed', 'rectifying', 'submitted')`);
  const totals: FigureRow = { key: 'total', found: 0, rejected: 0, rectified: 0, rectified_on_time: 0, overdue: 0, escalated: 0, reopened: 0 };
  for (const g of groups) {
    for (const k of ['found', 'rejected', 'rectified', 'rectified_on_time', 'overdue', 'escalated', 'reopened'] as const) totals[k] += g[k];
  }
  return { totals, groups, openNow: open ?? { open: 0, overdue: 0, listed: 0 } };
}
