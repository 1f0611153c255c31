// SQL of the unit tree: reading units (scoped), boundaries now and as of a date, the one
// statement that records a boundary change with its history, workers and located counts.
import { sql, type Executor, type SQL } from '../../db/client.js';
import { alias, columnList, type gridWorkers, type unitBoundaries, units, type users } from '../../db/schema/index.js';
import type { UnitLevel } from '../../../common/modules/units/units.rules.js';

const u = alias(units, 'u');
const c = alias(units, 'c');

type Unit = typeof units.$inferSelect;

const UNIT_COLS = ['id', 'code', 'name', 'level', 'kind', 'kind_source', 'grid_type', 'parent_id', 'path', 'retired_at', 'households',
  'households_estimated', 'population', 'area_m2', 'boundary_source', 'boundary_version', 'valid_from', 'leader_name', 'leader_phone_enc',
  'safety_officer_name', 'safety_officer_phone_enc'] as const;
/** A unit with its short name (the name when none is set), label point and number of live children. */
export type UnitRow = Pick<Unit, (typeof UNIT_COLS)[number]> & {
  short_name: string;
  has_geom: boolean;
  label_lng: number | null;
  label_lat: number | null;
  child_count: number;
};

export type UnitRefRow = Pick<Unit, 'id' | 'code' | 'name' | 'level' | 'path'> & { short_name: string };

export type BoundaryRow = Pick<typeof unitBoundaries.$inferSelect, 'version' | 'source' | 'valid_from' | 'valid_to' | 'area_m2' | 'reason'> & {
  /** The username of who changed it. */
  changed_by: string | null;
};

export type WorkerRow = Pick<typeof gridWorkers.$inferSelect, 'user_id' | 'assigned_at'> & Pick<typeof users.$inferSelect, 'username' | 'display_name'>;

export interface FeatureRow {
  code: string;
  name: string;
  short_name: string;
  level: UnitLevel;
  kind: string;
  grid_type: 'general' | 'dedicated' | null;
  households: number | null;
  area_m2: number | null;
  child_count: number;
  label_lng: number | null;
  label_lat: number | null;
  version: number;
  geometry: unknown;
}

const unitCols = sql`${columnList(u, UNIT_COLS)}, COALESCE(${u.short_name}, ${u.name}) AS short_name, (${u.geom} IS NOT NULL) AS has_geom,
  ST_X(${u.label_point}) AS label_lng, ST_Y(${u.label_point}) AS label_lat,
  (SELECT count(*)::int FROM ${units} ${c} WHERE ${c.parent_id} = ${u.id} AND ${c.retired_at} IS NULL) AS child_count`;

const refCols = sql`${columnList(u, ['id', 'code', 'name', 'level', 'path'])}, COALESCE(${u.short_name}, ${u.name}) AS short_name`;

/** The boundary version in force at a time (a lateral subquery on unit_boundaries). */
function boundaryAt(unitId: SQL, at: string): SQL {
  return sql`SELECT b.* FROM unit_boundaries b WHERE b.unit_id = ${unitId} AND b.valid_from <= ${at}::timestamptz
    AND (b.valid_to IS NULL OR b.valid_to > ${at}::timestamptz) ORDER BY b.version DESC LIMIT 1`;
}

export interface ApplyMeta {
  source: 'import' | 'generated' | 'upload' | 'edit';
  now: string;
  by: string | null;
  reason: string | null;
}

export const unitsRepository = {
  unitByCode(db: Executor, code: string) {
    return db.one<UnitRow>(sql`SELECT ${unitCols} FROM units u WHERE u.code = ${code}`);
  },
  unitById(db: Executor, id: string) {
    return db.one<UnitRow>(sql`SELECT ${unitCols} FROM units u WHERE u.id = ${id}::bigint`);
  },
  refByCode(db: Executor, code: string) {
    return db.one<UnitRefRow>(sql`SELECT ${refCols} FROM units u WHERE u.code = ${code}`);
  },

  /** Ancestors of a path from the top (excluding the root and the unit itself). */
  ancestorsOf(db: Executor, path: string) {
    return db.rows<UnitRefRow>(sql`SELECT ${refCols} FROM units u
      WHERE u.path @> ${path}::ltree AND u.path <> ${path}::ltree AND u.level <> 'root' ORDER BY nlevel(u.path)`);
  },

  /** Children of a unit that the visibility predicate lets through. */
  childrenOf(db: Executor, parentId: string, visible: SQL, includeRetired: boolean) {
    return db.rows<UnitRow>(sql`SELECT ${unitCols} FROM units u
      WHERE u.parent_id = ${parentId}::bigint AND ${visible} ${includeRetired ? sql`` : sql`AND u.retired_at IS NULL`}
      ORDER BY u.code`);
  },

  /** Is the path visible as a whole (in scope) / as an ancestor only? */
  async visibility(db: Executor, path: string, full: SQL, ancestor: SQL) {
    return db.one<{ full: boolean; ancestor: boolean }>(sql`SELECT (${full}) AS full, (${ancestor}) AS ancestor FROM (SELECT ${path}::ltree AS path) u`);
  },

  boundaryAt(db: Executor, unitId: string, at: string) {
    return db.one<BoundaryRow>(sql`SELECT x.version, x.source, x.valid_from, x.valid_to, x.area_m2, cu.username AS changed_by, x.reason
      FROM (${boundaryAt(sql`${unitId}::bigint`, at)}) x LEFT JOIN users cu ON cu.id = x.changed_by`);
  },
  currentBoundary(db: Executor, unitId: string) {
    return db.one<BoundaryRow>(sql`SELECT b.version, b.source, b.valid_from, b.valid_to, b.area_m2, cu.username AS changed_by, b.reason
      FROM unit_boundaries b LEFT JOIN users cu ON cu.id = b.changed_by
      WHERE b.unit_id = ${unitId}::bigint AND b.valid_to IS NULL ORDER BY b.version DESC LIMIT 1`);
  },
  boundaryHistory(db: Executor, unitId: string) {
    return db.rows<BoundaryRow>(sql`SELECT b.version, b.source, b.valid_from, b.valid_to, b.area_m2, cu.username AS changed_by, b.reason
      FROM unit_boundaries b LEFT JOIN users cu ON cu.id = b.changed_by WHERE b.unit_id = ${unitId}::bigint ORDER BY b.version DESC`);
  },
  boundaryGeoJsonAt(db: Executor, unitId: string, at: string | null) {
    if (at === null) {
      return db.one<BoundaryRow & { geometry: unknown }>(sql`SELECT b.version, b.source, b.valid_from, b.valid_to, b.area_m2, NULL AS changed_by, b.reason,
        ST_AsGeoJSON(u.geom, 9)::json AS geometry
        FROM units u JOIN unit_boundaries b ON b.unit_id = u.id AND b.version = u.boundary_version
        WHERE u.id = ${unitId}::bigint AND u.geom IS NOT NULL`);
    }
    return db.one<BoundaryRow & { geometry: unknown }>(sql`SELECT x.version, x.source, x.valid_from, x.valid_to, x.area_m2, NULL AS changed_by, x.reason,
      ST_AsGeoJSON(x.geom, 9)::json AS geometry FROM (${boundaryAt(sql`${unitId}::bigint`, at)}) x`);
  },
  bboxOf(db: Executor, unitId: string) {
    return db.one<{ xmin: number; ymin: number; xmax: number; ymax: number }>(sql`SELECT ST_XMin(geom) AS xmin, ST_YMin(geom) AS ymin,
      ST_XMax(geom) AS xmax, ST_YMax(geom) AS ymax FROM units WHERE id = ${unitId}::bigint AND geom IS NOT NULL`);
  },

  /** The children's polygons, simplified for display, with label points; current or as of a time. */
  childFeatures(db: Executor, parentId: string, tolerance: number, at: string | null) {
    if (at === null) {
      return db.rows<FeatureRow>(sql`SELECT u.code, u.name, COALESCE(u.short_name, u.name) AS short_name, u.level, u.kind, u.grid_type,
          u.households, u.area_m2, u.boundary_version AS version, ST_X(u.label_point) AS label_lng, ST_Y(u.label_point) AS label_lat,
          (SELECT count(*)::int FROM units c WHERE c.parent_id = u.id AND c.retired_at IS NULL) AS child_count,
          ST_AsGeoJSON(CASE WHEN ${tolerance}::float8 > 0 THEN ST_SimplifyPreserveTopology(u.geom, ${tolerance}::float8) ELSE u.geom END, 7)::json AS geometry
        FROM units u WHERE u.parent_id = ${parentId}::bigint AND u.retired_at IS NULL AND u.geom IS NOT NULL ORDER BY u.code`);
    }
    return db.rows<FeatureRow>(sql`SELECT u.code, u.name, COALESCE(u.short_name, u.name) AS short_name, u.level, u.kind, u.grid_type,
        u.households, b.area_m2, b.version, ST_X(ST_PointOnSurface(b.geom)) AS label_lng, ST_Y(ST_PointOnSurface(b.geom)) AS label_lat,
        (SELECT count(*)::int FROM units c WHERE c.parent_id = u.id AND (c.retired_at IS NULL OR c.retired_at > ${at}::timestamptz)) AS child_count,
        ST_AsGeoJSON(CASE WHEN ${tolerance}::float8 > 0 THEN ST_SimplifyPreserveTopology(b.geom, ${tolerance}::float8) ELSE b.geom END, 7)::json AS geometry
      FROM units u JOIN LATERAL (${boundaryAt(sql`u.id`, at)}) b ON true
      WHERE u.parent_id = ${parentId}::bigint AND (u.retired_at IS NULL OR u.retired_at > ${at}::timestamptz) ORDER BY u.code`);
  },

  search(db: Executor, q: string, visible: SQL, limit: number, level: string | undefined) {
    const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    return db.rows<UnitRefRow & { kind: string; context: string }>(sql`SELECT ${refCols}, u.kind,
        COALESCE((SELECT string_agg(COALESCE(a.short_name, a.name), ' / ' ORDER BY nlevel(a.path)) FROM units a
          WHERE a.path @> u.path AND a.path <> u.path AND a.level <> 'root'), '') AS context
      FROM units u
      WHERE u.retired_at IS NULL AND u.level <> 'root' AND ${visible}
        AND (u.name ILIKE ${like} OR u.short_name ILIKE ${like} OR u.code LIKE ${q + '%'} OR similarity(u.name, ${q}) > 0.3)
        ${level ? sql`AND u.level = ${level}` : sql``}
      ORDER BY (u.code = ${q}) DESC, (COALESCE(u.short_name, u.name) = ${q}) DESC, (u.name ILIKE ${q.replace(/[\\%_]/g, (m) => `\\${m}`) + '%'}) DESC,
        nlevel(u.path), similarity(u.name, ${q}) DESC, u.code
      LIMIT ${limit}`);
  },

  /** The active grid covering a point; on a shared edge the grid with the smallest code. */
  gridAt(db: Executor, lng: number, lat: number) {
    return db.one<UnitRow>(sql`SELECT ${unitCols} FROM units u
      WHERE u.level = 'grid' AND u.retired_at IS NULL
        AND ST_Covers(u.geom, ST_SetSRID(ST_MakePoint(${lng}::float8, ${lat}::float8), 4326))
      ORDER BY u.code LIMIT 1`);
  },
  ancestorsWithPersons(db: Executor, path: string) {
    return db.rows<UnitRow>(sql`SELECT ${unitCols} FROM units u WHERE u.path @> ${path}::ltree AND u.level <> 'root' ORDER BY nlevel(u.path) DESC`);
  },

  workersOf(db: Executor, gridId: string) {
    return db.rows<WorkerRow>(sql`SELECT us.id AS user_id, us.username, us.display_name, gw.assigned_at
      FROM grid_workers gw JOIN users us ON us.id = gw.user_id
      WHERE gw.grid_id = ${gridId}::bigint AND gw.ended_at IS NULL ORDER BY gw.assigned_at, us.id`);
  },
  userForAssignment(db: Executor, username: string) {
    return db.one<{ id: string; username: string; status: string; is_grid_worker: boolean }>(sql`SELECT u.id, u.username, u.status,
      EXISTS (SELECT 1 FROM grants g WHERE g.user_id = u.id AND g.revoked_at IS NULL AND g.role_code = 'grid_worker') AS is_grid_worker
      FROM users u WHERE lower(u.username) = lower(${username})`);
  },
  async assignWorker(db: Executor, gridId: string, userId: string, by: string | null, at: string) {
    const rows = await db.rows<{ id: string }>(sql`INSERT INTO grid_workers (grid_id, user_id, assigned_at, assigned_by)
      SELECT ${gridId}::bigint, ${userId}::bigint, ${at}::timestamptz, ${by}::bigint
      WHERE NOT EXISTS (SELECT 1 FROM grid_workers WHERE grid_id = ${gridId}::bigint AND user_id = ${userId}::bigint AND ended_at IS NULL)
      RETURNING id`);
    return rows.length > 0;
  },
  async unassignWorker(db: Executor, gridId: string, userId: string, at: string) {
    const rows = await db.rows<{ id: string }>(sql`UPDATE grid_workers SET ended_at = ${at}::timestamptz
      WHERE grid_id = ${gridId}::bigint AND user_id = ${userId}::bigint AND ended_at IS NULL RETURNING id`);
    return rows.length > 0;
  },

  locatedTables(db: Executor) {
    return db.rows<{ table_name: string }>(sql`SELECT table_name FROM located_tables ORDER BY table_name`);
  },
  async countInGrid(db: Executor, table: string, gridId: string) {
    const row = await db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE grid_id = ${gridId}::bigint`);
    return row?.n ?? 0;
  },

  async updateAttributes(db: Executor, id: string, set: SQL[], now: string) {
    if (set.length === 0) return;
    await db.rows(sql`UPDATE units SET ${sql.join(set, sql`, `)}, updated_at = ${now}::timestamptz WHERE id = ${id}::bigint`);
  },

  /**
   * Records new boundaries: for each (id, geom) of `source` whose geometry differs from the
   * current one, closes the open version, inserts the next version, and updates the unit
   * (geometry, area in m², label point, version). Empty geometries are ignored. One statement.
   * Returns the ids of the units whose boundary changed.
   */
  async applyBoundaries(db: Executor, source: SQL, meta: ApplyMeta): Promise<string[]> {
    const rows = await db.rows<{ id: string }>(sql`WITH nb AS (${source}),
      changed AS (
        SELECT nb.id, nb.geom, ST_Area(nb.geom::geography) AS area, ST_PointOnSurface(nb.geom) AS label, u.boundary_version + 1 AS version
        FROM nb JOIN units u ON u.id = nb.id
        WHERE nb.geom IS NOT NULL AND NOT ST_IsEmpty(nb.geom) AND (u.geom IS NULL OR NOT ST_OrderingEquals(u.geom, nb.geom))
      ),
      closed AS (
        UPDATE unit_boundaries b SET valid_to = ${meta.now}::timestamptz FROM changed c WHERE b.unit_id = c.id AND b.valid_to IS NULL RETURNING b.id
      ),
      hist AS (
        INSERT INTO unit_boundaries (unit_id, version, geom, area_m2, source, valid_from, changed_by, reason)
        SELECT c.id, c.version, c.geom, c.area, ${meta.source}, ${meta.now}::timestamptz, ${meta.by}::bigint, ${meta.reason} FROM changed c
        RETURNING unit_id
      ),
      upd AS (
        UPDATE units u SET geom = c.geom, area_m2 = c.area, label_point = c.label, boundary_source = ${meta.source},
          boundary_version = c.version, updated_at = ${meta.now}::timestamptz
        FROM changed c WHERE u.id = c.id RETURNING u.id
      )
      SELECT id::text AS id FROM upd ORDER BY id`);
    return rows.map((r) => r.id);
  },

  /** Retires units (and their subtrees); closes their open boundary versions. */
  async retireSubtrees(db: Executor, ids: string[], now: string) {
    if (ids.length === 0) return [] as Array<{ id: string; code: string; name: string; level: string }>;
    const rows = await db.rows<{ id: string; code: string; name: string; level: string }>(sql`WITH gone AS (
        SELECT path FROM units WHERE id = ANY(${`{${ids.join(',')}}`}::bigint[])
      ), r AS (
        UPDATE units d SET retired_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
        WHERE d.retired_at IS NULL AND EXISTS (SELECT 1 FROM gone WHERE d.path <@ gone.path)
        RETURNING d.id, d.code, d.name, d.level
      ), c AS (
        UPDATE unit_boundaries b SET valid_to = ${now}::timestamptz FROM r WHERE b.unit_id = r.id AND b.valid_to IS NULL RETURNING b.id
      )
      SELECT id::text AS id, code, name, level FROM r ORDER BY code`);
    return rows;
  },
};
