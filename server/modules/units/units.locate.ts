// Point → grid: the service every module uses to place a record. A point on an edge shared by
// two grids goes to exactly one of them: the one with the smallest code among those covering it.
import { sql, type Executor } from '../../db/client.js';

export interface Located {
  gridId: string;
  gridCode: string;
  gridName: string;
  /** The grid's ltree path: store it with the record for subtree scoping. */
  path: string;
}

export async function locatePoint(db: Executor, lng: number, lat: number): Promise<Located | null> {
  const row = await db.one<{ id: string; code: string; name: string; path: string }>(sql`
    SELECT id, code, name, path::text AS path FROM units
    WHERE level = 'grid' AND retired_at IS NULL
      AND ST_Covers(geom, ST_SetSRID(ST_MakePoint(${lng}::float8, ${lat}::float8), 4326))
    ORDER BY code LIMIT 1`);
  return row ? { gridId: row.id, gridCode: row.code, gridName: row.name, path: row.path } : null;
}

/**
 * Re-assigns the located records of every registered table that lie inside `area` (or whose
 * grid is one of `gridIds`) to the grid now covering them. Rows with a manual grid override keep
 * it. Runs inside the caller's transaction; returns the number of rows moved per table.
 *
 * Set-based and index-driven: the candidates are the rows filed under the edited grids (path
 * index) and the rows inside their new boundaries (location index, one prepared polygon per
 * grid). A row inside an edited grid E takes E at once unless it lies where a grid with a smaller
 * code (edited or not) also reaches — a shared edge or an overlap, widened by 1 cm; those rows
 * and the rows no longer inside any edited grid are placed by the full look-up, as `locatePoint`
 * places them.
 */
export async function reassignLocated(tx: Executor, gridIds: string[]): Promise<Record<string, number>> {
  const tables = await tx.rows<{ table_name: string }>(sql`SELECT table_name FROM located_tables ORDER BY table_name`);
  const ids = `{${gridIds.join(',')}}`;
  const out: Record<string, number> = {};
  if (!gridIds.length) return out;
  const paths = await tx.rows<{ path: string }>(sql`SELECT DISTINCT path::text AS path FROM units WHERE id = ANY(${ids}::bigint[])`);
  const pathArr = `{${paths.map((p) => p.path).join(',')}}`;
  await tx.rows(sql`CREATE TEMP TABLE IF NOT EXISTS reassign_edited (id bigint, path ltree, geom geometry, contested geometry) ON COMMIT DROP`);
  await tx.rows(sql`DELETE FROM reassign_edited`);
  await tx.rows(sql`INSERT INTO reassign_edited (id, path, geom, contested)
    SELECT g.id, g.path, g.geom,
      (SELECT ST_Buffer(ST_Intersection(g.geom, ST_Union(o.geom)), 1e-7) FROM units o
       WHERE o.level = 'grid' AND o.retired_at IS NULL AND o.id <> g.id AND o.code < g.code AND o.geom && g.geom AND ST_Intersects(o.geom, g.geom))
    FROM units g WHERE g.id = ANY(${ids}::bigint[]) AND g.level = 'grid' AND g.retired_at IS NULL AND g.geom IS NOT NULL`);
  // Hash the candidate sets in memory rather than sort them on disk; the caller's setting is put back after.
  const prior = await tx.one<{ v: string }>(sql`SELECT current_setting('work_mem') AS v`);
  await tx.rows(sql`SELECT set_config('work_mem', '256MB', true)`);
  for (const { table_name } of tables) {
    const t = sql.identifier(table_name);
    const moved = await tx.rows<{ n: number }>(sql`
      WITH inside AS MATERIALIZED (
        SELECT r.id, e.id AS grid_id, e.path, (e.contested IS NOT NULL AND ST_Intersects(e.contested, r.location)) AS contested
        FROM reassign_edited e JOIN ${t} r ON ST_Covers(e.geom, r.location)
        WHERE NOT r.grid_override
      ), settled AS (
        SELECT id, grid_id, path FROM inside WHERE NOT contested
      ), unsettled AS (
        SELECT r.id, r.location FROM ${t} r
        WHERE r.unit_path <@ ${pathArr}::ltree[] AND r.grid_id = ANY(${ids}::bigint[]) AND NOT r.grid_override AND r.location IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM settled s WHERE s.id = r.id)
        UNION
        SELECT r.id, r.location FROM inside i JOIN ${t} r ON r.id = i.id WHERE i.contested
      ), target AS (
        SELECT id, grid_id, path FROM settled
        UNION ALL
        SELECT u.id, g.id, g.path FROM unsettled u
          JOIN LATERAL (SELECT g.id, g.path FROM units g WHERE g.level = 'grid' AND g.retired_at IS NULL AND ST_Covers(g.geom, u.location)
                        ORDER BY g.code LIMIT 1) g ON true
      ), upd AS (
        UPDATE ${t} r SET grid_id = target.grid_id, unit_path = target.path
        FROM target WHERE r.id = target.id AND r.grid_id IS DISTINCT FROM target.grid_id
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM upd`);
    out[table_name] = moved[0]?.n ?? 0;
  }
  await tx.rows(sql`SELECT set_config('work_mem', ${prior?.v ?? '4MB'}, true)`);
  return out;
}
