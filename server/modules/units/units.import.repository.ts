// SQL of the division import: a staging table of the rows read, the differences with the
// units in the database, the level-by-level upsert, and the polygon staging and repair.
import { sql, type Executor } from '../../db/client.js';
import { columnList, unitImports } from '../../db/schema/index.js';

export interface StageRow {
  code: string;
  name: string;
  short_name: string;
  level: string;
  kind: string;
  parent_code: string;
  depth: number;
}

export interface PolygonStageRow {
  code: string;
  ord: number;
  g: string;
}

export interface RepairRow {
  code: string;
  ord: number;
  n0: number;
  n1: number;
  valid: boolean;
  reason: string | null;
  location: string | null;
  dropped: number;
  parts: number;
}

const CHUNK = 2000;

export const importRepository = {
  async stageUnits(tx: Executor, rows: StageRow[]) {
    await tx.rows(sql`CREATE TEMP TABLE IF NOT EXISTS sg_import_units (code text PRIMARY KEY, name text NOT NULL, short_name text NOT NULL,
      level text NOT NULL, kind text NOT NULL, parent_code text NOT NULL, depth int NOT NULL) ON COMMIT DROP`);
    await tx.rows(sql`TRUNCATE sg_import_units`);
    for (let i = 0; i < rows.length; i += CHUNK) {
      const json = JSON.stringify(rows.slice(i, i + CHUNK));
      await tx.rows(sql`INSERT INTO sg_import_units SELECT * FROM jsonb_to_recordset(${json}::jsonb)
        AS x(code text, name text, short_name text, level text, kind text, parent_code text, depth int)`);
    }
  },

  added(tx: Executor) {
    return tx.rows<{ code: string; name: string; level: string }>(sql`SELECT i.code, i.name, i.level FROM sg_import_units i
      WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.code = i.code) ORDER BY i.code`);
  },
  renamed(tx: Executor) {
    return tx.rows<{ code: string; level: string; from: string; to: string }>(sql`SELECT i.code, i.level, u.name AS "from", i.name AS "to"
      FROM sg_import_units i JOIN units u ON u.code = i.code WHERE u.name <> i.name ORDER BY i.code`);
  },
  reactivated(tx: Executor) {
    return tx.rows<{ code: string }>(sql`SELECT i.code FROM sg_import_units i JOIN units u ON u.code = i.code WHERE u.retired_at IS NOT NULL`);
  },
  manualKinds(tx: Executor) {
    return tx.rows<{ code: string; name: string; kind: string; imported: string }>(sql`SELECT i.code, i.name, u.kind, i.kind AS imported
      FROM sg_import_units i JOIN units u ON u.code = i.code WHERE u.kind_source = 'manual' AND u.kind <> i.kind ORDER BY i.code`);
  },
  /** Units of the imported levels under the given paths that the files no longer list. */
  vanished(tx: Executor, cityCodes: string[]) {
    return tx.rows<{ id: string; code: string }>(sql`SELECT u.id, u.code FROM units u
      WHERE u.retired_at IS NULL AND u.level IN ('district', 'street', 'community')
        AND EXISTS (SELECT 1 FROM units c WHERE c.code = ANY(${`{${cityCodes.join(',')}}`}::text[]) AND u.path <@ c.path)
        AND NOT EXISTS (SELECT 1 FROM sg_import_units i WHERE i.code = u.code)
      ORDER BY u.code`);
  },

  /** Inserts the new units of one depth and updates changed ones; returns how many rows were written. */
  async upsertDepth(tx: Executor, depth: number, now: string) {
    const rows = await tx.rows<{ id: string }>(sql`INSERT INTO units (code, name, short_name, level, kind, parent_id, path, valid_from, created_at, updated_at)
      SELECT i.code, i.name, i.short_name, i.level, i.kind, p.id, p.path || text2ltree(i.code), ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
      FROM sg_import_units i JOIN units p ON p.code = i.parent_code
      WHERE i.depth = ${depth}
      ON CONFLICT (code) DO UPDATE SET
        name = EXCLUDED.name,
        short_name = EXCLUDED.short_name,
        kind = CASE WHEN units.kind_source = 'manual' THEN units.kind ELSE EXCLUDED.kind END,
        parent_id = EXCLUDED.parent_id,
        level = EXCLUDED.level,
        retired_at = NULL,
        updated_at = EXCLUDED.updated_at
      WHERE units.name IS DISTINCT FROM EXCLUDED.name
         OR units.short_name IS DISTINCT FROM EXCLUDED.short_name
         OR (units.kind_source <> 'manual' AND units.kind IS DISTINCT FROM EXCLUDED.kind)
         OR units.parent_id IS DISTINCT FROM EXCLUDED.parent_id
         OR units.level IS DISTINCT FROM EXCLUDED.level
         OR units.retired_at IS NOT NULL
      RETURNING units.id`);
    return rows.length;
  },

  /** Re-derives paths from parents, level by level (a moved unit takes its subtree along). */
  async fixPaths(tx: Executor, level: string) {
    const rows = await tx.rows<{ id: string }>(sql`UPDATE units u SET path = p.path || text2ltree(u.code)
      FROM units p WHERE p.id = u.parent_id AND u.level = ${level} AND u.path <> p.path || text2ltree(u.code) RETURNING u.id`);
    return rows.length;
  },
  async refreshLocatedPaths(tx: Executor, tables: string[]) {
    for (const t of tables) {
      await tx.rows(sql`UPDATE ${sql.identifier(t)} r SET unit_path = g.path FROM units g WHERE g.id = r.grid_id AND r.unit_path IS DISTINCT FROM g.path`);
    }
  },

  async stagePolygons(tx: Executor, rows: PolygonStageRow[]) {
    await tx.rows(sql`CREATE TEMP TABLE IF NOT EXISTS sg_import_polys (code text NOT NULL, ord int NOT NULL, g geometry) ON COMMIT DROP`);
    await tx.rows(sql`CREATE TEMP TABLE IF NOT EXISTS sg_import_geoms (code text PRIMARY KEY, g geometry) ON COMMIT DROP`);
    await tx.rows(sql`TRUNCATE sg_import_polys`);
    await tx.rows(sql`TRUNCATE sg_import_geoms`);
    for (const r of rows) {
      await tx.rows(sql`INSERT INTO sg_import_polys (code, ord, g) VALUES (${r.code}, ${r.ord}, ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${r.g}), 4326)))`);
    }
  },

  /**
   * Repairs each staged polygon (repeated points dropped, made valid, polygonal parts kept),
   * then unions the polygons of each code into sg_import_geoms. Returns what was done per polygon.
   */
  async repairPolygons(tx: Executor) {
    const rows = await tx.rows<RepairRow>(sql`WITH s AS (
        SELECT code, ord, ST_NPoints(g) AS n0, ST_RemoveRepeatedPoints(g) AS g1 FROM sg_import_polys
      ), v AS (
        SELECT code, ord, n0, g1, ST_NPoints(g1) AS n1, ST_IsValidDetail(g1) AS d FROM s
      ), m AS (
        SELECT code, ord, n0, n1, (d).valid AS valid, (d).reason AS reason, ST_AsText((d).location) AS location,
          CASE WHEN (d).valid THEN g1 ELSE ST_MakeValid(g1) END AS g2 FROM v
      ), upd AS (
        UPDATE sg_import_polys p SET g = ST_Multi(ST_CollectionExtract(ST_ReducePrecision(ST_CollectionExtract(m.g2, 3), 1e-9), 3)) FROM m WHERE p.code = m.code AND p.ord = m.ord RETURNING p.code
      )
      SELECT code, ord, n0, n1, valid, reason, location,
        (ST_NumGeometries(ST_CollectionExtract(g2, 1)) + ST_NumGeometries(ST_CollectionExtract(g2, 2)))::int AS dropped,
        ST_NumGeometries(ST_CollectionExtract(g2, 3))::int AS parts
      FROM m ORDER BY code, ord`);
    await tx.rows(sql`INSERT INTO sg_import_geoms (code, g)
      SELECT code, CASE WHEN count(*) = 1 THEN ST_Multi((array_agg(g ORDER BY ord))[1]) ELSE ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(g ORDER BY ord), 1e-9), 3)) END
      FROM sg_import_polys WHERE NOT ST_IsEmpty(g) GROUP BY code`);
    return rows;
  },

  dropStagedGeometry(tx: Executor, code: string) {
    return tx.rows(sql`DELETE FROM sg_import_geoms WHERE code = ${code}`);
  },

  /** Pairs of staged polygons whose interiors overlap, with the overlap's area in m². */
  stagedOverlaps(tx: Executor) {
    return tx.rows<{ a: string; b: string; area: number }>(sql`SELECT a.code AS a, b.code AS b,
        sg_planar_area_m2(ST_CollectionExtract(ST_Intersection(a.g, b.g, 1e-9), 3)) AS area
      FROM sg_import_geoms a JOIN sg_import_geoms b ON a.code < b.code AND a.g && b.g AND ST_Relate(a.g, b.g, '2********')
      ORDER BY a.code, b.code`);
  },
  /** Removes from b what a covers. */
  async subtractStaged(tx: Executor, a: string, b: string) {
    await tx.rows(sql`UPDATE sg_import_geoms SET g = ST_Multi(ST_CollectionExtract(ST_Difference(g, (SELECT g FROM sg_import_geoms WHERE code = ${a}), 1e-9), 3))
      WHERE code = ${b}`);
  },

  /** Units whose boundary came from a user (kept over the file's polygon). */
  userBoundaries(tx: Executor, codes: string[]) {
    return tx.rows<{ code: string; name: string; level: string }>(sql`SELECT code, name, level FROM units
      WHERE code = ANY(${`{${codes.join(',')}}`}::text[]) AND boundary_source IN ('upload', 'edit') ORDER BY code`);
  },

  /** The staged polygons as (unit id, geometry), for applyBoundaries. */
  stagedGeometries() {
    return sql`SELECT u.id, s.g AS geom FROM sg_import_geoms s JOIN units u ON u.code = s.code
      WHERE u.boundary_source IS NULL OR u.boundary_source IN ('import', 'generated')`;
  },
  /** Union of the active children's boundaries, for the given parents that take theirs from the import. */
  unionOfChildren(codes: string[]) {
    return sql`SELECT c.id, ST_Multi(ST_CollectionExtract(ST_Union(d.geom, 1e-9 ORDER BY d.code), 3)) AS geom
      FROM units c JOIN units d ON d.parent_id = c.id AND d.retired_at IS NULL AND d.geom IS NOT NULL
      WHERE c.code = ANY(${`{${codes.join(',')}}`}::text[]) AND (c.boundary_source IS NULL OR c.boundary_source = 'import')
      GROUP BY c.id`;
  },

  withoutBoundary(tx: Executor, codes: string[]) {
    return tx.rows<{ code: string; name: string; level: string }>(sql`SELECT code, name, level FROM units
      WHERE code = ANY(${`{${codes.join(',')}}`}::text[]) AND retired_at IS NULL AND geom IS NULL ORDER BY code`);
  },
  totals(tx: Executor, cityCodes: string[]) {
    return tx.rows<{ level: string; n: number }>(sql`SELECT u.level, count(*)::int AS n FROM units u
      WHERE u.retired_at IS NULL AND EXISTS (SELECT 1 FROM units c WHERE c.code = ANY(${`{${cityCodes.join(',')}}`}::text[]) AND u.path <@ c.path)
      GROUP BY u.level`);
  },
  async recordImport(tx: Executor, r: { at: string; actorId: string | null; actorName: string; cities: string[]; report: unknown }) {
    await tx.rows(sql`INSERT INTO unit_imports (at, actor_id, actor_name, cities, report)
      VALUES (${r.at}::timestamptz, ${r.actorId}::bigint, ${r.actorName}, ${`{${r.cities.join(',')}}`}::text[], ${JSON.stringify(r.report)}::jsonb)`);
  },
  lastImports(db: Executor, limit: number) {
    return db.rows<Pick<typeof unitImports.$inferSelect, 'id' | 'at' | 'actor_name' | 'cities' | 'report'>>(sql`
      SELECT ${columnList(unitImports, ['id', 'at', 'actor_name', 'cities', 'report'])}
      FROM ${unitImports} ORDER BY ${unitImports.at} DESC, ${unitImports.id} DESC LIMIT ${limit}`);
  },
};
