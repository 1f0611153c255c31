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
 */
export async function reassignLocated(tx: Executor, gridIds: string[]): Promise<Record<string, number>> {
  const tables = await tx.rows<{ table_name: string }>(sql`SELECT table_name FROM located_tables ORDER BY table_name`);
  const ids = `{${gridIds.join(',')}}`;
  const out: Record<string, number> = {};
  for (const { table_name } of tables) {
    const t = sql.identifier(table_name);
    const moved = await tx.rows<{ id: unknown }>(sql`
      WITH affected AS (
        SELECT r.id, r.location FROM ${t} r
        WHERE NOT r.grid_override AND r.location IS NOT NULL
          AND (r.grid_id = ANY(${ids}::bigint[])
               OR EXISTS (SELECT 1 FROM units g WHERE g.id = ANY(${ids}::bigint[]) AND ST_Covers(g.geom, r.location)))
      ), target AS (
        SELECT a.id, (SELECT g.id FROM units g WHERE g.level = 'grid' AND g.retired_at IS NULL AND ST_Covers(g.geom, a.location)
                      ORDER BY g.code LIMIT 1) AS grid_id
        FROM affected a
      )
      UPDATE ${t} r SET grid_id = target.grid_id, unit_path = g.path
      FROM target JOIN units g ON g.id = target.grid_id
      WHERE r.id = target.id AND r.grid_id IS DISTINCT FROM target.grid_id
      RETURNING r.id`);
    out[table_name] = moved.length;
  }
  return out;
}
