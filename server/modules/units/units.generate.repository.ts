// SQL of the provisional-boundary generation: the units of a subtree level by level, household
// figures, the grid rows, and the pieces (parent ∩ box) handed to applyBoundaries.
import { sql, type Executor } from '../../db/client.js';
import { alias, columnList, units } from '../../db/schema/index.js';

type Unit = typeof units.$inferSelect;
const u = alias(units, 'u');
const p = alias(units, 'p');

const LEVEL_UNIT_COLS = ['id', 'code', 'name', 'level', 'kind', 'kind_source', 'parent_id', 'households', 'households_estimated', 'boundary_source'] as const;
/** A unit of one level with its parent's kind and, when asked, its boundary as GeoJSON text. */
export type LevelUnitRow = Pick<Unit, (typeof LEVEL_UNIT_COLS)[number]> & { short_name: string; parent_kind: Unit['kind'] | null; geojson: string | null };

export type GridUpsertRow = Pick<Unit, 'code' | 'name' | 'kind' | 'households'> & {
  grid_type: NonNullable<Unit['grid_type']>;
  parent_id: string;
  seq: number;
  est: boolean;
};

export interface BoxRow {
  code: string;
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
}

export const generateRepository = {
  /** Active units of a level inside a subtree (the root of the subtree included), with their geometry as GeoJSON if asked. */
  unitsAtLevel(db: Executor, path: string, level: string, withGeometry: boolean) {
    return db.rows<LevelUnitRow>(sql`SELECT ${columnList(u, LEVEL_UNIT_COLS)}, COALESCE(${u.short_name}, ${u.name}) AS short_name, ${p.kind} AS parent_kind,
        ${withGeometry ? sql`ST_AsGeoJSON(${u.geom}, 12)` : sql`NULL`} AS geojson
      FROM ${units} ${u} LEFT JOIN ${units} ${p} ON ${p.id} = ${u.parent_id}
      WHERE u.path <@ ${path}::ltree AND u.level = ${level} AND u.retired_at IS NULL
      ORDER BY u.code`);
  },
  userBoundariesBelow(db: Executor, path: string) {
    return db.rows<Pick<Unit, 'code' | 'name' | 'level' | 'boundary_source'>>(sql`SELECT code, name, level, boundary_source FROM units
      WHERE path <@ ${path}::ltree AND path <> ${path}::ltree AND retired_at IS NULL AND boundary_source IN ('upload', 'edit') ORDER BY code`);
  },
  countDescendants(db: Executor, path: string) {
    return db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM units WHERE path <@ ${path}::ltree AND path <> ${path}::ltree AND retired_at IS NULL`);
  },

  async setHouseholds(tx: Executor, rows: Array<{ id: string; households: number }>) {
    if (rows.length === 0) return;
    await tx.rows(sql`UPDATE units u SET households = x.households, households_estimated = true
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id bigint, households int) WHERE u.id = x.id`);
  },
  /** A level's households as the sum of its children's, where unknown or estimated. */
  async aggregateHouseholds(tx: Executor, path: string, level: string, childLevel: string) {
    await tx.rows(sql`UPDATE units s SET households = x.h, households_estimated = x.est
      FROM (SELECT c.parent_id, sum(c.households)::int AS h, bool_or(c.households_estimated) AS est FROM units c
            WHERE c.level = ${childLevel} AND c.retired_at IS NULL AND c.path <@ ${path}::ltree AND c.households IS NOT NULL
            GROUP BY c.parent_id) x
      WHERE s.id = x.parent_id AND s.level = ${level} AND (s.households IS NULL OR s.households_estimated)
        AND (s.households IS DISTINCT FROM x.h OR s.households_estimated IS DISTINCT FROM x.est)`);
  },

  /** Pieces parent ∩ box for the given units (applyBoundaries source). */
  piecesOfParents(boxes: BoxRow[]) {
    return sql`SELECT u.id, ST_Multi(ST_CollectionExtract(ST_Intersection(p.geom, ST_MakeEnvelope(x.xmin, x.ymin, x.xmax, x.ymax, 4326), 1e-9), 3)) AS geom
      FROM jsonb_to_recordset(${JSON.stringify(boxes)}::jsonb) AS x(code text, xmin float8, ymin float8, xmax float8, ymax float8)
      JOIN units u ON u.code = x.code JOIN units p ON p.id = u.parent_id`;
  },

  async upsertGrids(tx: Executor, rows: GridUpsertRow[], now: string) {
    if (rows.length === 0) return [] as Array<{ id: string; code: string; inserted: boolean }>;
    return tx.rows<{ id: string; code: string; inserted: boolean }>(sql`INSERT INTO units (code, name, short_name, level, kind, grid_type, parent_id, path, seq,
        households, households_estimated, valid_from, created_at, updated_at)
      SELECT x.code, x.name, x.name, 'grid', x.kind, x.grid_type, p.id, p.path || text2ltree(x.code), x.seq, x.households, x.est,
        ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS x(code text, name text, kind text, grid_type text, parent_id bigint, seq int, households int, est boolean)
      JOIN units p ON p.id = x.parent_id
      ON CONFLICT (code) DO UPDATE SET
        name = EXCLUDED.name,
        short_name = EXCLUDED.short_name,
        kind = CASE WHEN units.kind_source = 'manual' THEN units.kind ELSE EXCLUDED.kind END,
        grid_type = CASE WHEN units.kind_source = 'manual' THEN units.grid_type ELSE EXCLUDED.grid_type END,
        seq = EXCLUDED.seq,
        households = CASE WHEN units.households IS NULL OR units.households_estimated THEN EXCLUDED.households ELSE units.households END,
        households_estimated = CASE WHEN units.households IS NULL OR units.households_estimated THEN EXCLUDED.households_estimated ELSE false END,
        retired_at = NULL,
        updated_at = EXCLUDED.updated_at
      WHERE units.name IS DISTINCT FROM EXCLUDED.name OR units.seq IS DISTINCT FROM EXCLUDED.seq OR units.retired_at IS NOT NULL
         OR (units.kind_source <> 'manual' AND (units.kind IS DISTINCT FROM EXCLUDED.kind OR units.grid_type IS DISTINCT FROM EXCLUDED.grid_type))
         OR ((units.households IS NULL OR units.households_estimated) AND units.households IS DISTINCT FROM EXCLUDED.households)
      RETURNING units.id::text AS id, units.code, (xmax = 0) AS inserted`);
  },
  /** Active grids of the given communities whose code is not in `keep`. */
  extraGrids(tx: Executor, communityIds: string[], keep: string[]) {
    return tx.rows<{ id: string; code: string }>(sql`SELECT id::text AS id, code FROM units
      WHERE level = 'grid' AND retired_at IS NULL AND parent_id = ANY(${`{${communityIds.join(',')}}`}::bigint[])
        AND NOT (code = ANY(${`{${keep.join(',')}}`}::text[]))`);
  },
  gridIdsOf(tx: Executor, codes: string[]) {
    return tx.rows<{ id: string; code: string }>(sql`SELECT id::text AS id, code FROM units WHERE code = ANY(${`{${codes.join(',')}}`}::text[])`);
  },
  async recordGeneration(tx: Executor, r: { unitId: string; at: string; actorId: string | null; actorName: string; params: unknown; report: unknown }) {
    await tx.rows(sql`INSERT INTO grid_generations (unit_id, at, actor_id, actor_name, params, report)
      VALUES (${r.unitId}::bigint, ${r.at}::timestamptz, ${r.actorId}::bigint, ${r.actorName}, ${JSON.stringify(r.params)}::jsonb, ${JSON.stringify(r.report)}::jsonb)`);
  },
};
