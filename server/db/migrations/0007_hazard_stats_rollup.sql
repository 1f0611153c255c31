-- Figures of the upper units without summing every grid's days: hazard_stats_daily rolled up to
-- each ancestor of the record's path down to depth 4 (root, city, district, street), without the
-- industry key, by day and by month ('month' rows are keyed by the month's first day). A district
-- over three years reads some thirty month rows per category and grade plus the days of the two
-- partial months at the ends. Kept in step with hazard_stats_daily by the same writers
-- (hazards.stats.ts → bumpStats, and hazard_stats_rollup_refill() for set-based loads).
CREATE TABLE hazard_stats_rollup (
  unit_path ltree NOT NULL,
  period text NOT NULL CHECK (period IN ('day', 'month')),
  day date NOT NULL,
  category text NOT NULL,
  grade text NOT NULL,
  found integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0,
  rectified integer NOT NULL DEFAULT 0,
  rectified_on_time integer NOT NULL DEFAULT 0,
  overdue integer NOT NULL DEFAULT 0,
  escalated integer NOT NULL DEFAULT 0,
  reopened integer NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_path, period, day, category, grade)
);

-- Recomputes the roll-up from hazard_stats_daily (after a bulk load or a rebuild of the figures).
CREATE FUNCTION hazard_stats_rollup_refill() RETURNS bigint LANGUAGE sql AS $$
  DELETE FROM hazard_stats_rollup;
  WITH d AS (
    SELECT subpath(s.unit_path, 0, l.depth) AS unit_path, s.day, s.category, s.grade, sum(s.found) AS found, sum(s.rejected) AS rejected,
      sum(s.rectified) AS rectified, sum(s.rectified_on_time) AS rectified_on_time, sum(s.overdue) AS overdue, sum(s.escalated) AS escalated,
      sum(s.reopened) AS reopened
    FROM hazard_stats_daily s CROSS JOIN LATERAL generate_series(1, least(nlevel(s.unit_path), 4)) AS l(depth)
    GROUP BY 1, 2, 3, 4
  ), ins_day AS (
    INSERT INTO hazard_stats_rollup (unit_path, period, day, category, grade, found, rejected, rectified, rectified_on_time, overdue, escalated, reopened)
    SELECT unit_path, 'day', day, category, grade, found, rejected, rectified, rectified_on_time, overdue, escalated, reopened FROM d
    RETURNING 1
  ), ins_month AS (
    INSERT INTO hazard_stats_rollup (unit_path, period, day, category, grade, found, rejected, rectified, rectified_on_time, overdue, escalated, reopened)
    SELECT unit_path, 'month', date_trunc('month', day)::date, category, grade, sum(found), sum(rejected), sum(rectified), sum(rectified_on_time),
      sum(overdue), sum(escalated), sum(reopened)
    FROM d GROUP BY 1, 3, 4, 5
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM ins_day) + (SELECT count(*) FROM ins_month);
$$;

SELECT hazard_stats_rollup_refill();
