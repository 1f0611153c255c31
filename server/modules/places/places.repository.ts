import { sql, type Executor, type SQL } from '../../db/client.js';
import { placementCols, type PlacementRow } from '../registries/registries.shared.js';

export interface PlaceRow extends PlacementRow {
  id: string;
  name: string;
  kind: string;
  use: string | null;
  address: string | null;
  area_m2: number | null;
  floors: number | null;
  floor: number | null;
  top_floor: number | null;
  beds: number | null;
  seats: number | null;
  persons: number | null;
  staff: number | null;
  dorm_staff: number | null;
  boarding: boolean | null;
  three_in_one: boolean;
  operator_name: string | null;
  operator_phone_masked: string | null;
  responsible_name: string | null;
  responsible_phone_masked: string | null;
  tags: string[];
  grade: 'A' | 'B' | 'C' | 'D' | null;
  graded_on: string | null;
  risk_level: number | null;
  enterprise_id: string | null;
  enterprise_name: string | null;
  industry_code: string | null;
  status: 'active' | 'closed';
  created_at: string;
  updated_at: string;
}

const cols = sql`p.id, p.name, p.kind, p.use, p.address, p.area_m2, p.floors, p.floor, p.top_floor, p.beds, p.seats, p.persons, p.staff,
  p.dorm_staff, p.boarding, p.three_in_one, p.operator_name, p.operator_phone_masked, p.responsible_name, p.responsible_phone_masked,
  p.tags, p.grade, p.graded_on::text AS graded_on, p.risk_level, p.enterprise_id, e.name AS enterprise_name, e.industry_code, p.status,
  ${placementCols('p')}, g.code AS grid_code, g.name AS grid_name, p.created_at, p.updated_at`;
const from = sql`FROM places p LEFT JOIN enterprises e ON e.id = p.enterprise_id LEFT JOIN units g ON g.id = p.grid_id`;

export interface PlaceFilter {
  unit?: SQL;
  kinds?: string[];
  grades?: string[];
  risk?: SQL;
  q?: string;
  enterpriseId?: string;
  status?: string;
  bbox?: [number, number, number, number];
}

function where(scope: SQL, f: PlaceFilter): SQL {
  const parts: SQL[] = [sql`WHERE ${scope}`];
  if (f.unit) parts.push(f.unit);
  if (f.kinds) parts.push(sql`AND p.kind = ANY(${`{${f.kinds.join(',')}}`}::text[])`);
  if (f.grades) {
    const g = f.grades.filter((x) => x !== 'none');
    const conds: SQL[] = [];
    if (g.length > 0) conds.push(sql`p.grade = ANY(${`{${g.join(',')}}`}::text[])`);
    if (f.grades.includes('none')) conds.push(sql`p.grade IS NULL`);
    parts.push(sql`AND (${sql.join(conds, sql` OR `)})`);
  }
  if (f.risk) parts.push(f.risk);
  if (f.q) parts.push(sql`AND (p.name ILIKE ${f.q} OR p.address ILIKE ${f.q})`);
  if (f.enterpriseId) parts.push(sql`AND p.enterprise_id = ${f.enterpriseId}::bigint`);
  if (f.status) parts.push(sql`AND p.status = ${f.status}`);
  if (f.bbox) parts.push(sql`AND p.location && ST_MakeEnvelope(${f.bbox[0]}::float8, ${f.bbox[1]}::float8, ${f.bbox[2]}::float8, ${f.bbox[3]}::float8, 4326)`);
  return sql.join(parts, sql` `);
}

export interface GradeRow {
  id: string;
  place_id: string;
  grade_from: 'A' | 'B' | 'C' | 'D' | null;
  grade_to: 'A' | 'B' | 'C' | 'D';
  rubric_grade: 'A' | 'B' | 'C' | 'D' | null;
  graded_on: string;
  graded_at: string;
  rubric_id: string;
  rubric_version: string;
  inputs: Record<string, unknown>;
  scores: unknown[];
  total: number | null;
  reason: string;
  graded_by_name: string | null;
}

export const placesRepository = {
  list(db: Executor, scope: SQL, f: PlaceFilter, page: { afterId?: string; limit: number }) {
    return db.rows<PlaceRow>(sql`SELECT ${cols} ${from} ${where(scope, f)}
      ${page.afterId ? sql`AND p.id < ${page.afterId}::bigint` : sql``}
      ORDER BY p.id DESC LIMIT ${page.limit}`);
  },
  byId(db: Executor, id: string) {
    return db.one<PlaceRow>(sql`SELECT ${cols} ${from} WHERE p.id = ${id}::bigint`);
  },
  mapFeatures(db: Executor, scope: SQL, f: PlaceFilter, limit: number) {
    return db.rows<{ id: string; name: string; kind: string; grade: string | null; risk_level: number | null; lng: number; lat: number }>(sql`
      SELECT p.id, p.name, p.kind, p.grade, p.risk_level, ST_X(p.location) AS lng, ST_Y(p.location) AS lat ${from}
      ${where(scope, f)} AND p.location IS NOT NULL ORDER BY p.id LIMIT ${limit}`);
  },
  insertGrade(db: Executor, g: {
    placeId: string; from: string | null; to: string; rubricGrade: string | null; on: string; at: string; rubricId: string; rubricVersion: string;
    inputs: unknown; scores: unknown; total: number | null; reason: string; by: string | null;
  }) {
    return db.one<{ id: string }>(sql`INSERT INTO place_grades (place_id, grade_from, grade_to, rubric_grade, graded_on, graded_at, rubric_id, rubric_version,
        inputs, scores, total, reason, graded_by)
      VALUES (${g.placeId}::bigint, ${g.from}, ${g.to}, ${g.rubricGrade}, ${g.on}::date, ${g.at}::timestamptz, ${g.rubricId}, ${g.rubricVersion},
        ${JSON.stringify(g.inputs)}::jsonb, ${JSON.stringify(g.scores)}::jsonb, ${g.total}, ${g.reason}, ${g.by}::bigint) RETURNING id`);
  },
  gradesOf(db: Executor, placeId: string) {
    return db.rows<GradeRow>(sql`SELECT pg.id, pg.place_id, pg.grade_from, pg.grade_to, pg.rubric_grade, pg.graded_on::text AS graded_on, pg.graded_at,
        pg.rubric_id, pg.rubric_version, pg.inputs, pg.scores, pg.total, pg.reason, u.username AS graded_by_name
      FROM place_grades pg LEFT JOIN users u ON u.id = pg.graded_by WHERE pg.place_id = ${placeId}::bigint ORDER BY pg.graded_at DESC, pg.id DESC`);
  },
  gradeById(db: Executor, id: string) {
    return db.one<GradeRow>(sql`SELECT pg.id, pg.place_id, pg.grade_from, pg.grade_to, pg.rubric_grade, pg.graded_on::text AS graded_on, pg.graded_at,
        pg.rubric_id, pg.rubric_version, pg.inputs, pg.scores, pg.total, pg.reason, u.username AS graded_by_name
      FROM place_grades pg LEFT JOIN users u ON u.id = pg.graded_by WHERE pg.id = ${id}::bigint`);
  },
  async setGrade(db: Executor, placeId: string, grade: string, on: string, at: string) {
    await db.rows(sql`UPDATE places SET grade = ${grade}, graded_on = ${on}::date, updated_at = ${at}::timestamptz WHERE id = ${placeId}::bigint`);
  },
  /**
   * Per place in scope (gradable kinds): the grade as of the day before `from` and as of `to`,
   * each the last grade given on or before that day, and the day the end grade was given. A place
   * whose grade was set without a grading record (imported, migrated) counts with its current grade
   * from the day it was graded (or from always, when that day is unknown).
   */
  gradeSnapshots(db: Executor, scope: SQL, f: { unit?: SQL; kinds: string[]; from: string; to: string; timeZone: string }) {
    return db.rows<{ id: string; name: string; kind: string; unit_path: string; grid_code: string | null; grid_name: string | null;
      start_grade: string | null; end_grade: string | null; end_since: string | null }>(sql`
      SELECT s.id, s.name, s.kind, s.unit_path, s.grid_code, s.grid_name,
        CASE WHEN s.has_history THEN s.h_start
             WHEN s.grade IS NOT NULL AND (s.graded_on IS NULL OR s.graded_on < ${f.from}::date) THEN s.grade END AS start_grade,
        CASE WHEN s.has_history THEN s.h_end
             WHEN s.grade IS NOT NULL AND (s.graded_on IS NULL OR s.graded_on <= ${f.to}::date) THEN s.grade END AS end_grade,
        CASE WHEN s.has_history THEN s.h_since
             WHEN s.grade IS NOT NULL AND s.graded_on <= ${f.to}::date THEN s.graded_on::text END AS end_since
      FROM (
        SELECT p.id, p.name, p.kind, p.unit_path::text AS unit_path, g.code AS grid_code, g.name AS grid_name, p.grade, p.graded_on,
          EXISTS (SELECT 1 FROM place_grades h WHERE h.place_id = p.id) AS has_history,
          (SELECT x.grade_to FROM place_grades x WHERE x.place_id = p.id AND x.graded_on < ${f.from}::date ORDER BY x.graded_at DESC, x.id DESC LIMIT 1) AS h_start,
          (SELECT x.grade_to FROM place_grades x WHERE x.place_id = p.id AND x.graded_on <= ${f.to}::date ORDER BY x.graded_at DESC, x.id DESC LIMIT 1) AS h_end,
          (SELECT min(y.graded_on)::text FROM place_grades y WHERE y.place_id = p.id AND y.graded_on <= ${f.to}::date
             AND y.graded_on > COALESCE((SELECT max(z.graded_on) FROM place_grades z WHERE z.place_id = p.id AND z.graded_on <= ${f.to}::date
                                           AND z.grade_to <> (SELECT w.grade_to FROM place_grades w WHERE w.place_id = p.id AND w.graded_on <= ${f.to}::date
                                                              ORDER BY w.graded_at DESC, w.id DESC LIMIT 1)), '-infinity'::date)) AS h_since
        FROM places p LEFT JOIN enterprises e ON e.id = p.enterprise_id LEFT JOIN units g ON g.id = p.grid_id
        WHERE ${scope} ${f.unit ?? sql``} AND p.kind = ANY(${`{${f.kinds.join(',')}}`}::text[]) AND p.status = 'active'
          AND (p.created_at < ((${f.to}::date + 1)::timestamp AT TIME ZONE ${f.timeZone}) OR (p.graded_on IS NOT NULL AND p.graded_on <= ${f.to}::date))
      ) s
      ORDER BY s.id`);
  },
  childUnits(db: Executor, path: string) {
    return db.rows<{ code: string; name: string; path: string }>(sql`SELECT code, name, path::text AS path FROM units
      WHERE path ~ ${`${path}.*{1}`}::lquery AND retired_at IS NULL ORDER BY code`);
  },
};
