// SQL of the calendar (entered notices and edited days) and of the deadline clocks and their steps.
import { sql, type Executor } from '../../db/client.js';

export interface CalendarYearRow {
  year: number;
  notice_ref: string;
  entered_by: string | null;
  entered_by_name: string | null;
  entered_at: string;
}

export interface CalendarDayRow {
  day: string;
  source: 'notice' | 'manual';
  kind: 'holiday' | 'workday' | 'normal';
  name: string | null;
  note: string | null;
  entered_by_name: string | null;
  entered_at: string;
}

export interface ClockRow {
  id: string;
  subject_type: string;
  subject_id: string;
  episode: number;
  reason: string;
  started_on: string;
  due_on: string;
  working_days: number | null;
  provisional: boolean;
  provisional_years: Array<number | string>;
  calendar_version: string | null;
  overdue_since: string | null;
  level: number;
  created_at: string;
  closed_at: string | null;
  closed_reason: string | null;
}

export interface StepRow {
  clock_id: string;
  step: number;
  unit_id: string | null;
  unit_code: string | null;
  unit_name: string | null;
  due_on: string;
  at: string;
}

const clockCols = sql`c.id, c.subject_type, c.subject_id, c.episode, c.reason, c.started_on::text AS started_on, c.due_on::text AS due_on,
  c.working_days, c.provisional, c.provisional_years, c.calendar_version, c.overdue_since::text AS overdue_since, c.level,
  c.created_at::text AS created_at, c.closed_at::text AS closed_at, c.closed_reason`;

export const deadlinesRepository = {
  // ---- calendar ----

  calendarYears(db: Executor, from: number, to: number) {
    return db.rows<CalendarYearRow>(sql`SELECT y.year, y.notice_ref, y.entered_by, u.display_name AS entered_by_name, y.entered_at::text AS entered_at
      FROM calendar_years y LEFT JOIN users u ON u.id = y.entered_by WHERE y.year BETWEEN ${from}::int AND ${to}::int ORDER BY y.year`);
  },

  calendarDays(db: Executor, from: number, to: number) {
    return db.rows<CalendarDayRow>(sql`SELECT d.day::text AS day, d.source, d.kind, d.name, d.note, u.display_name AS entered_by_name,
        d.entered_at::text AS entered_at
      FROM calendar_days d LEFT JOIN users u ON u.id = d.entered_by
      WHERE d.day BETWEEN make_date(${from}::int, 1, 1) AND make_date(${to}::int, 12, 31) ORDER BY d.day, d.source`);
  },

  /** The newest change to the calendar data of the years, for the calendar's version. */
  async calendarStamp(db: Executor, from: number, to: number): Promise<string | null> {
    const r = await db.one<{ stamp: string | null }>(sql`SELECT floor(extract(epoch FROM max(t)))::bigint::text AS stamp FROM (
        SELECT entered_at AS t FROM calendar_years WHERE year BETWEEN ${from}::int AND ${to}::int
        UNION ALL SELECT entered_at FROM calendar_days WHERE day BETWEEN make_date(${from}::int, 1, 1) AND make_date(${to}::int, 12, 31)) s`);
    return r?.stamp ?? null;
  },

  /** Replaces a year's notice: its row and its notice days. */
  async replaceNotice(db: Executor, n: { year: number; ref: string; by: string | null; at: string; days: Array<{ date: string; kind: 'holiday' | 'workday'; name: string | null }> }) {
    await db.rows(sql`DELETE FROM calendar_days WHERE source = 'notice' AND day BETWEEN make_date(${n.year}::int, 1, 1) AND make_date(${n.year}::int, 12, 31)`);
    for (const d of n.days) {
      await db.rows(sql`INSERT INTO calendar_days (day, source, kind, name, entered_by, entered_at)
        VALUES (${d.date}::date, 'notice', ${d.kind}, ${d.name}, ${n.by}::bigint, ${n.at}::timestamptz)`);
    }
    await db.rows(sql`INSERT INTO calendar_years (year, notice_ref, entered_by, entered_at) VALUES (${n.year}::int, ${n.ref}, ${n.by}::bigint, ${n.at}::timestamptz)
      ON CONFLICT (year) DO UPDATE SET notice_ref = EXCLUDED.notice_ref, entered_by = EXCLUDED.entered_by, entered_at = EXCLUDED.entered_at`);
  },

  async setManualDay(db: Executor, d: { date: string; kind: 'holiday' | 'workday' | 'normal'; note: string; by: string | null; at: string }) {
    await db.rows(sql`INSERT INTO calendar_days (day, source, kind, note, entered_by, entered_at)
      VALUES (${d.date}::date, 'manual', ${d.kind}, ${d.note}, ${d.by}::bigint, ${d.at}::timestamptz)
      ON CONFLICT (day, source) DO UPDATE SET kind = EXCLUDED.kind, note = EXCLUDED.note, entered_by = EXCLUDED.entered_by, entered_at = EXCLUDED.entered_at`);
  },

  async clearManualDay(db: Executor, date: string) {
    const r = await db.rows<{ day: string }>(sql`DELETE FROM calendar_days WHERE day = ${date}::date AND source = 'manual' RETURNING day::text AS day`);
    return r.length > 0;
  },

  // ---- clocks ----

  openClock(db: Executor, subjectType: string, subjectId: string, lock = false) {
    return db.one<ClockRow>(sql`SELECT ${clockCols} FROM deadline_clocks c
      WHERE c.subject_type = ${subjectType} AND c.subject_id = ${subjectId}::bigint AND c.closed_at IS NULL ${lock ? sql`FOR UPDATE` : sql``}`);
  },

  clockById(db: Executor, id: string, lock = false) {
    return db.one<ClockRow>(sql`SELECT ${clockCols} FROM deadline_clocks c WHERE c.id = ${id}::bigint ${lock ? sql`FOR UPDATE` : sql``}`);
  },

  clocksOf(db: Executor, subjectType: string, subjectId: string) {
    return db.rows<ClockRow>(sql`SELECT ${clockCols} FROM deadline_clocks c
      WHERE c.subject_type = ${subjectType} AND c.subject_id = ${subjectId}::bigint ORDER BY c.episode`);
  },

  async lastEpisode(db: Executor, subjectType: string, subjectId: string): Promise<number> {
    const r = await db.one<{ n: number | null }>(sql`SELECT max(episode) AS n FROM deadline_clocks WHERE subject_type = ${subjectType} AND subject_id = ${subjectId}::bigint`);
    return Number(r?.n ?? 0);
  },

  async closeClock(db: Executor, id: string, at: string, reason: string) {
    await db.rows(sql`UPDATE deadline_clocks SET closed_at = ${at}::timestamptz, closed_reason = ${reason} WHERE id = ${id}::bigint AND closed_at IS NULL`);
  },

  async insertClock(db: Executor, c: {
    subjectType: string; subjectId: string; episode: number; reason: string; startedOn: string; dueOn: string; workingDays: number | null;
    provisional: boolean; provisionalYears: number[]; calendarVersion: string | null; at: string;
  }) {
    const r = await db.one<{ id: string }>(sql`INSERT INTO deadline_clocks (subject_type, subject_id, episode, reason, started_on, due_on, working_days,
        provisional, provisional_years, calendar_version, created_at)
      VALUES (${c.subjectType}, ${c.subjectId}::bigint, ${c.episode}::int, ${c.reason}, ${c.startedOn}::date, ${c.dueOn}::date, ${c.workingDays}::int,
        ${c.provisional}, ${`{${c.provisionalYears.join(',')}}`}::bigint[], ${c.calendarVersion}, ${c.at}::timestamptz)
      RETURNING id`);
    if (!r) throw new Error('insert failed');
    return r.id;
  },

  async moveClock(db: Executor, id: string, c: { dueOn: string; provisional: boolean; provisionalYears: number[]; calendarVersion: string }) {
    await db.rows(sql`UPDATE deadline_clocks SET due_on = ${c.dueOn}::date, provisional = ${c.provisional},
      provisional_years = ${`{${c.provisionalYears.join(',')}}`}::bigint[], calendar_version = ${c.calendarVersion} WHERE id = ${id}::bigint`);
  },

  /** Open clocks computed across one of the years while it was provisional. */
  openProvisionalClocks(db: Executor, year: number) {
    return db.rows<ClockRow>(sql`SELECT ${clockCols} FROM deadline_clocks c
      WHERE c.closed_at IS NULL AND c.provisional AND ${year}::int = ANY(c.provisional_years) ORDER BY c.id`);
  },

  /** Open clocks of a kind past their due date that have not taken their last step yet. */
  overdueClocks(db: Executor, subjectType: string, today: string, maxStep: number, afterId: string, limit: number) {
    return db.rows<{ id: string; subject_id: string }>(sql`SELECT c.id, c.subject_id FROM deadline_clocks c
      WHERE c.subject_type = ${subjectType} AND c.closed_at IS NULL AND c.due_on < ${today}::date AND c.level < ${maxStep}::int
        AND c.id > ${afterId}::bigint
      ORDER BY c.id LIMIT ${limit}`);
  },

  async insertStep(db: Executor, s: { clockId: string; step: number; unitId: string | null; dueOn: string; at: string; instance: string }) {
    const r = await db.rows<{ step: number }>(sql`INSERT INTO deadline_steps (clock_id, step, unit_id, due_on, at, instance)
      VALUES (${s.clockId}::bigint, ${s.step}::int, ${s.unitId}::bigint, ${s.dueOn}::date, ${s.at}::timestamptz, ${s.instance})
      ON CONFLICT (clock_id, step) DO NOTHING RETURNING step`);
    return r.length > 0;
  },

  async recordStep(db: Executor, clockId: string, step: number, dueOn: string) {
    await db.rows(sql`UPDATE deadline_clocks SET level = GREATEST(level, ${step}::int),
      overdue_since = CASE WHEN ${step}::int = 0 THEN ${dueOn}::date ELSE overdue_since END WHERE id = ${clockId}::bigint`);
  },

  stepsOf(db: Executor, clockIds: readonly string[]) {
    if (clockIds.length === 0) return Promise.resolve([] as StepRow[]);
    return db.rows<StepRow>(sql`SELECT s.clock_id, s.step, s.unit_id, u.code AS unit_code, u.name AS unit_name, s.due_on::text AS due_on, s.at::text AS at
      FROM deadline_steps s LEFT JOIN units u ON u.id = s.unit_id WHERE s.clock_id = ANY(${`{${clockIds.join(',')}}`}::bigint[]) ORDER BY s.clock_id, s.step`);
  },
};
