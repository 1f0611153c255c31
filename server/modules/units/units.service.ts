// The unit tree and its grids: browsing (scoped: a user sees their grants' subtrees in full and
// the ancestors of their grant units by name only), point → grid, responsible persons, grid
// workers, attribute and boundary changes with history, import, generation and coverage.
import type { Actor } from '../../core/access.js';
import { inScope, pathWithin, require } from '../../core/access.js';
import { AppError, fieldError, notFound } from '../../core/errors.js';
import type { ModuleContext } from '../../core/module.js';
import { sql, toIso, type SQL } from '../../db/client.js';
import type { Permission } from '../../../common/permissions.js';
import type {
  CoverageReport, CoverageTreeReport, GenerateBody, GenerateReport, ImportReport, LocateResponse, ReplaceBoundaryBody, ReplaceBoundaryResponse,
  ResponsibleResponse, TreeResponse, UnitDetail, UnitFeatureCollection, UpdateUnitBody,
} from '../../../common/modules/units/units.contract.js';
import { KINDS_BY_LEVEL } from '../../../common/modules/units/units.rules.js';
import { unitsRepository as repo, type UnitRow } from './units.repository.js';
import { importRepository } from './units.import.repository.js';
import { presentBoundary, presentDetail, presentNode, presentPerson, presentRef, presentWorker } from './units.presenter.js';
import { readDivisionSource, polygonalCoordinatesOk, type DivisionSource } from './units.source.js';
import { runImport, type ProgressFn } from './units.import.js';
import { runGenerate } from './units.generate.js';
import { treeCoverage, unitCoverage } from './units.coverage.js';
import { reassignLocated } from './units.locate.js';

export const DEFAULT_TOLERANCE_M2 = 1;
export const DEFAULT_GRID_TARGET = { min: 300, max: 500 } as const;

type Access = 'full' | 'ancestor' | null;

/** Paths of the actor's unit.read grants, or 'all'. */
function readPaths(actor: Actor): string[] | 'all' {
  if (actor.kind === 'system') return 'all';
  const paths = [...new Set(actor.grants.filter((g) => g.permissions.includes('unit.read')).map((g) => g.unitPath))];
  return paths.includes('root') ? 'all' : paths;
}

function ltreeArray(paths: string[]): string {
  return `{${paths.join(',')}}`;
}

/** SQL: the unit (column `col`) lies in the actor's area. */
function fullSql(actor: Actor, col: SQL): SQL {
  const p = readPaths(actor);
  if (p === 'all') return sql`true`;
  if (p.length === 0) return sql`false`;
  return sql`(${col} <@ ${ltreeArray(p)}::ltree[])`;
}

/** SQL: the unit is in the actor's area or above it. */
function visibleSql(actor: Actor, col: SQL): SQL {
  const p = readPaths(actor);
  if (p === 'all') return sql`true`;
  if (p.length === 0) return sql`false`;
  return sql`(${col} <@ ${ltreeArray(p)}::ltree[] OR ${col} @> ${ltreeArray(p)}::ltree[])`;
}

function accessTo(actor: Actor, path: string): Access {
  const p = readPaths(actor);
  if (p === 'all') return 'full';
  if (p.some((g) => pathWithin(path, g))) return 'full';
  if (p.some((g) => pathWithin(g, path))) return 'ancestor';
  return null;
}

function validTime(v: string | undefined, field: string): string | null {
  if (v === undefined) return null;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw fieldError(field, 'not a date-time');
  return d.toISOString();
}

export function createUnitsService(ctx: ModuleContext) {
  const { db, audit, cipher } = ctx;

  /** A unit the actor may see (in full or as an ancestor); 404 otherwise. */
  async function visibleUnit(actor: Actor, code: string): Promise<{ row: UnitRow; access: Exclude<Access, null> }> {
    require(actor, 'unit.read');
    const row = await repo.unitByCode(db, code);
    if (!row) throw notFound('unit');
    const access = accessTo(actor, row.path);
    if (!access) throw notFound('unit');
    return { row, access };
  }

  /** A unit in the actor's area where `perm` holds; 404 when invisible, 403 when visible but not permitted. */
  async function unitFor(actor: Actor, code: string, perm: Permission): Promise<UnitRow> {
    require(actor, perm);
    const row = await repo.unitByCode(db, code);
    if (!row || row.level === 'root' || !accessTo(actor, row.path)) {
      if (row && row.level === 'root' && inScope(actor, perm, { path: 'root' })) return row;
      throw notFound('unit');
    }
    if (!inScope(actor, perm, { path: row.path })) throw new AppError('OUT_OF_SCOPE');
    return row;
  }

  function abilities(actor: Actor, row: UnitRow): UnitDetail['abilities'] {
    const t = { path: row.path };
    return {
      manage: inScope(actor, 'unit.manage', t),
      assignWorkers: row.level === 'grid' && inScope(actor, 'grid.assign', t),
      generate: row.level !== 'grid' && row.level !== 'root' && inScope(actor, 'grid.generate', t),
      import: inScope(actor, 'unit.import', t),
    };
  }

  async function countsOf(gridId: string): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of await repo.locatedTables(db)) out[t.table_name] = await repo.countInGrid(db, t.table_name, gridId);
    return out;
  }

  async function detailOf(actor: Actor, row: UnitRow, access: Exclude<Access, null>, asOf: string | null): Promise<UnitDetail> {
    const restricted = access === 'ancestor';
    const ancestors = await repo.ancestorsOf(db, row.path);
    const boundary = restricted ? undefined : asOf ? await repo.boundaryAt(db, row.id, asOf) : await repo.currentBoundary(db, row.id);
    const bboxRow = restricted || asOf ? undefined : await repo.bboxOf(db, row.id);
    const grid = row.level === 'grid' && !restricted;
    return presentDetail(cipher, {
      row, restricted, ancestors, boundary, asOf,
      bbox: bboxRow ? [bboxRow.xmin, bboxRow.ymin, bboxRow.xmax, bboxRow.ymax] : null,
      workers: grid ? await repo.workersOf(db, row.id) : [],
      counts: grid ? await countsOf(row.id) : {},
      abilities: abilities(actor, row),
      retiredAsOf: row.retired_at !== null && (asOf === null || new Date(row.retired_at).getTime() <= new Date(asOf).getTime()),
    });
  }

  return {
    async tree(actor: Actor, q: { parent?: string; includeRetired?: boolean }): Promise<TreeResponse> {
      const { row: parent, access } = await visibleUnit(actor, q.parent ?? 'root');
      const visible = access === 'full' ? sql`true` : visibleSql(actor, sql`u.path`);
      const kids = await repo.childrenOf(db, parent.id, visible, q.includeRetired ?? false);
      return {
        parent: parent.level === 'root' ? null : presentRef(parent),
        items: kids.map((k) => presentNode(k, accessTo(actor, k.path) !== 'full')),
      };
    },

    async detail(actor: Actor, code: string, asOfRaw?: string): Promise<UnitDetail> {
      const asOf = validTime(asOfRaw, 'query/asOf');
      const { row, access } = await visibleUnit(actor, code);
      if (asOf && row.valid_from && new Date(row.valid_from).getTime() > new Date(asOf).getTime()) throw notFound('unit (at that time)');
      return detailOf(actor, row, access, asOf);
    },

    async boundaryFeature(actor: Actor, code: string, asOfRaw?: string) {
      const asOf = validTime(asOfRaw, 'query/asOf');
      // A unit above the actor's own shows its outline too (a grid worker's map draws the grids of
      // their community inside the community's line); its history and its other units stay hidden.
      const { row } = await visibleUnit(actor, code);
      const b = await repo.boundaryGeoJsonAt(db, row.id, asOf);
      if (!b) throw notFound(asOf ? 'boundary at that time' : 'boundary');
      const meta = presentBoundary(b);
      return {
        type: 'Feature' as const, id: row.code, geometry: b.geometry,
        properties: { code: row.code, name: row.name, level: row.level, version: b.version, source: b.source, validFrom: meta?.validFrom ?? '', validTo: meta?.validTo ?? null, areaM2: Number(b.area_m2) },
      };
    },

    async boundaryHistory(actor: Actor, code: string) {
      const { row, access } = await visibleUnit(actor, code);
      if (access !== 'full') throw notFound('unit');
      return { items: (await repo.boundaryHistory(db, row.id)).map((b) => presentBoundary(b)).filter((b) => b !== null) };
    },

    async childrenGeoJson(actor: Actor, code: string, q: { zoom?: number; asOf?: string }): Promise<UnitFeatureCollection> {
      const asOf = validTime(q.asOf, 'query/asOf');
      const { row, access } = await visibleUnit(actor, code);
      const bbox = await repo.bboxOf(db, row.id);
      let tol: number;
      if (q.zoom !== undefined) tol = (360 / 256 / 2 ** q.zoom) * 0.5;
      else tol = bbox ? Math.max(bbox.xmax - bbox.xmin, bbox.ymax - bbox.ymin) / 2000 : 0;
      const rows = await repo.childFeatures(db, row.id, tol, asOf);
      const features = rows
        .filter((f) => access === 'full' || accessTo(actor, row.path + '.' + f.code) === 'full')
        .map((f) => ({
          type: 'Feature' as const,
          id: f.code,
          geometry: f.geometry,
          properties: {
            code: f.code, name: f.name, shortName: f.short_name, level: f.level, kind: f.kind, gridType: f.grid_type, households: f.households,
            areaM2: f.area_m2 === null ? null : Number(f.area_m2), childCount: f.child_count,
            label: f.label_lng === null || f.label_lat === null ? null : [f.label_lng, f.label_lat], version: f.version,
          },
        }));
      return {
        type: 'FeatureCollection', parent: presentRef(row), features,
        bbox: access === 'full' && bbox ? [bbox.xmin, bbox.ymin, bbox.xmax, bbox.ymax] : null,
      };
    },

    async search(actor: Actor, q: { q: string; limit?: number; level?: string }) {
      require(actor, 'unit.read');
      const rows = await repo.search(db, q.q.trim(), fullSql(actor, sql`u.path`), q.limit ?? 20, q.level);
      return { items: rows.map((r) => ({ ...presentRef(r), kind: r.kind, context: r.context })) };
    },

    async locate(actor: Actor, lng: number, lat: number): Promise<LocateResponse> {
      require(actor, 'unit.read');
      const grid = await repo.gridAt(db, lng, lat);
      if (!grid || accessTo(actor, grid.path) !== 'full') throw new AppError('OUTSIDE_JURISDICTION');
      const ancestors = await repo.ancestorsOf(db, grid.path);
      return { grid: { ...presentRef(grid), kind: grid.kind, gridType: grid.grid_type }, ancestors: ancestors.map(presentRef), point: [lng, lat] };
    },

    async responsible(actor: Actor, lng: number, lat: number): Promise<ResponsibleResponse> {
      require(actor, 'unit.read');
      const grid = await repo.gridAt(db, lng, lat);
      if (!grid || accessTo(actor, grid.path) !== 'full') throw new AppError('OUTSIDE_JURISDICTION');
      const chain = await repo.ancestorsWithPersons(db, grid.path);
      return {
        grid: presentRef(grid),
        workers: (await repo.workersOf(db, grid.id)).map(presentWorker),
        responsible: chain.map((u) => ({
          unit: presentRef(u),
          leader: presentPerson(cipher, u.leader_name, u.leader_phone_enc),
          safetyOfficer: presentPerson(cipher, u.safety_officer_name, u.safety_officer_phone_enc),
        })),
        point: [lng, lat],
      };
    },

    async coverage(actor: Actor, code: string, tol = DEFAULT_TOLERANCE_M2): Promise<CoverageReport> {
      const { row, access } = await visibleUnit(actor, code);
      if (access !== 'full') throw notFound('unit');
      return unitCoverage(db, row, tol);
    },

    async coverageTree(actor: Actor, code: string, tol = DEFAULT_TOLERANCE_M2): Promise<CoverageTreeReport> {
      const { row, access } = await visibleUnit(actor, code);
      if (access !== 'full') throw notFound('unit');
      return treeCoverage(db, row, tol, (id) => repo.unitById(db, id));
    },

    async update(actor: Actor, code: string, body: UpdateUnitBody): Promise<UnitDetail> {
      const row = await unitFor(actor, code, 'unit.manage');
      const now = ctx.clock.now().toISOString();
      const set: SQL[] = [];
      const changed: Record<string, unknown> = {};
      let kind = body.kind;
      if (body.gridType !== undefined) {
        if (row.level !== 'grid') throw fieldError('body/gridType', 'only grids have a grid type');
        kind ??= body.gridType === 'dedicated' ? '专属网格' : '综合网格';
      }
      if (kind !== undefined) {
        if (!KINDS_BY_LEVEL[row.level].includes(kind)) throw fieldError('body/kind', `a ${row.level} is one of ${KINDS_BY_LEVEL[row.level].join(', ')}`);
        set.push(sql`kind = ${kind}`, sql`kind_source = 'manual'`);
        if (row.level === 'grid') set.push(sql`grid_type = ${kind === '专属网格' ? 'dedicated' : 'general'}`);
        changed.kind = [row.kind, kind];
      }
      if (body.households !== undefined) {
        set.push(sql`households = ${body.households}::int`, sql`households_estimated = false`);
        changed.households = [row.households, body.households];
      }
      if (body.population !== undefined) {
        set.push(sql`population = ${body.population}::int`);
        changed.population = [row.population, body.population];
      }
      for (const [key, col, phoneCol] of [['leader', 'leader_name', 'leader_phone_enc'], ['safetyOfficer', 'safety_officer_name', 'safety_officer_phone_enc']] as const) {
        const p = body[key];
        if (p === undefined) continue;
        const phone = p?.phone ? cipher.encrypt(p.phone.trim()) : null;
        set.push(sql`${sql.identifier(col)} = ${p?.name ?? null}`, sql`${sql.identifier(phoneCol)} = ${phone}::bytea`);
        changed[key] = p ? { name: p.name, phone: p.phone ? 'set' : 'none' } : null;
      }
      if (set.length > 0) {
        await db.tx(async (tx) => {
          await repo.updateAttributes(tx, row.id, set, now);
          await audit.write(tx, actor, { action: 'unit.update', objectType: 'unit', objectId: row.code, summary: changed });
        });
      }
      const fresh = await repo.unitById(db, row.id);
      if (!fresh) throw notFound('unit');
      return detailOf(actor, fresh, 'full', null);
    },

    async replaceBoundary(actor: Actor, code: string, body: ReplaceBoundaryBody): Promise<ReplaceBoundaryResponse> {
      const row = await unitFor(actor, code, 'unit.manage');
      if (row.level === 'root') throw fieldError('params/code', 'the root has no boundary');
      if (!polygonalCoordinatesOk(body.geometry.type, body.geometry.coordinates)) throw fieldError('body/geometry', 'coordinates must be longitude/latitude in degrees with closed rings of at least 4 positions');
      const tol = body.toleranceM2 ?? DEFAULT_TOLERANCE_M2;
      const now = ctx.clock.now().toISOString();
      const geojson = JSON.stringify(body.geometry);
      const fixed = await db.one<{ ewkb: string; n0: number; n1: number; valid: boolean; reason: string | null; parts: number; area: number }>(sql`
        WITH g0 AS (SELECT ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326)) AS g),
        g1 AS (SELECT g, ST_RemoveRepeatedPoints(g) AS r FROM g0),
        g2 AS (SELECT g, r, ST_IsValidDetail(r) AS d FROM g1),
        g3 AS (SELECT g, r, (d).valid AS valid, (d).reason AS reason,
                 ST_Multi(ST_CollectionExtract(ST_ReducePrecision(ST_CollectionExtract(CASE WHEN (d).valid THEN r ELSE ST_MakeValid(r) END, 3), 1e-9), 3)) AS f FROM g2)
        SELECT encode(ST_AsEWKB(f), 'hex') AS ewkb, ST_NPoints(g) AS n0, ST_NPoints(r) AS n1, valid, reason,
          ST_NumGeometries(f)::int AS parts, COALESCE(ST_Area(f::geography), 0) AS area FROM g3`);
      if (!fixed || fixed.parts === 0 || Number(fixed.area) <= 0) throw fieldError('body/geometry', 'the geometry has no area (after repair)');
      const repaired: string[] = [];
      if (fixed.n1 < fixed.n0) repaired.push(`removed ${fixed.n0 - fixed.n1} repeated points`);
      if (!fixed.valid) repaired.push(`made valid (${fixed.reason ?? 'invalid'})`);
      const geom = sql`ST_GeomFromEWKB(decode(${fixed.ewkb}, 'hex'))`;

      const parent = row.parent_id ? await repo.unitById(db, row.parent_id) : undefined;
      if (parent && parent.has_geom && (row.level === 'street' || row.level === 'community' || row.level === 'grid')) {
        const out = await db.one<{ area: number }>(sql`SELECT COALESCE(sg_planar_area_m2(ST_CollectionExtract(ST_Difference(${geom}, p.geom, 1e-9), 3)), 0) AS area
          FROM units p WHERE p.id = ${parent.id}::bigint`);
        const outside = Number(out?.area ?? 0);
        if (outside > tol) throw fieldError('body/geometry', `the boundary extends ${Math.round(outside)} m² outside its ${parent.level} ${parent.name}`, 'outside_parent');
      }

      const result = await db.tx(async (tx) => {
        const source = body.source ?? 'edit';
        const changedIds = await repo.applyBoundaries(tx, sql`SELECT ${row.id}::bigint AS id, ${geom} AS geom`, { source, now, by: actor.userId, reason: body.reason });
        const adjusted: string[] = [];
        const adjustedIds: string[] = [];
        if (body.adjustNeighbours && row.parent_id) {
          const ids = await repo.applyBoundaries(tx, sql`SELECT s.id, ST_Multi(ST_CollectionExtract(ST_Difference(s.geom, ${geom}, 1e-9), 3)) AS geom
            FROM units s WHERE s.parent_id = ${row.parent_id}::bigint AND s.id <> ${row.id}::bigint AND s.retired_at IS NULL AND s.geom IS NOT NULL
              AND s.geom && ${geom} AND ST_Relate(s.geom, ${geom}, '2********')`, { source: 'edit', now, by: actor.userId, reason: `adjusted to the new boundary of ${row.code}: ${body.reason}` });
          adjustedIds.push(...ids);
          if (ids.length) {
            const codes = await tx.rows<{ code: string }>(sql`SELECT code FROM units WHERE id = ANY(${`{${ids.join(',')}}`}::bigint[]) ORDER BY code`);
            adjusted.push(...codes.map((c) => c.code));
          }
        }
        if (row.level === 'district' && parent && (parent.boundary_source === null || parent.boundary_source === 'import')) {
          await repo.applyBoundaries(tx, importRepository.unionOfChildren([parent.code]), { source: 'import', now, by: actor.userId, reason: `union of the districts after ${row.code} changed` });
        }
        const gridIds = [...(row.level === 'grid' ? changedIds : []), ...adjustedIds.filter(() => row.level === 'grid')];
        const reassigned = gridIds.length ? await reassignLocated(tx, gridIds) : {};
        await audit.write(tx, actor, {
          action: 'unit.boundary.replace', objectType: 'unit', objectId: row.code,
          summary: { source, reason: body.reason, changed: changedIds.length > 0, repaired, adjusted, reassigned },
        });
        return { changed: changedIds.length > 0, adjusted, reassigned };
      });
      const fresh = await repo.unitById(db, row.id);
      if (!fresh) throw notFound('unit');
      const parentCoverage = parent && parent.level !== 'root' ? await unitCoverage(db, (await repo.unitById(db, parent.id)) ?? parent, tol) : null;
      return {
        unit: presentRef(fresh), version: fresh.boundary_version, areaM2: Number(fresh.area_m2 ?? 0), repaired,
        reassigned: result.reassigned, neighboursAdjusted: result.adjusted, parentCoverage,
      };
    },

    async assignWorker(actor: Actor, code: string, username: string) {
      const grid = await unitFor(actor, code, 'grid.assign');
      if (grid.level !== 'grid') throw fieldError('params/code', 'workers are assigned to grids');
      if (grid.retired_at) throw fieldError('params/code', 'the grid is retired');
      const user = await repo.userForAssignment(db, username);
      if (!user) throw fieldError('body/username', 'unknown user');
      if (user.status !== 'active') throw fieldError('body/username', 'the account is disabled');
      if (!user.is_grid_worker) throw fieldError('body/username', 'the account holds no grid worker role');
      const now = ctx.clock.now().toISOString();
      await db.tx(async (tx) => {
        const added = await repo.assignWorker(tx, grid.id, user.id, actor.userId, now);
        if (added) await audit.write(tx, actor, { action: 'grid.worker.assign', objectType: 'unit', objectId: grid.code, summary: { user: user.username } });
      });
      return { items: (await repo.workersOf(db, grid.id)).map(presentWorker) };
    },

    async unassignWorker(actor: Actor, code: string, userId: string) {
      const grid = await unitFor(actor, code, 'grid.assign');
      if (grid.level !== 'grid') throw fieldError('params/code', 'workers are assigned to grids');
      const now = ctx.clock.now().toISOString();
      const removed = await db.tx(async (tx) => {
        const ok = await repo.unassignWorker(tx, grid.id, userId, now);
        if (ok) await audit.write(tx, actor, { action: 'grid.worker.unassign', objectType: 'unit', objectId: grid.code, summary: { userId } });
        return ok;
      });
      if (!removed) throw notFound('assignment');
      return { items: (await repo.workersOf(db, grid.id)).map(presentWorker) };
    },

    async importDivisions(actor: Actor, source: DivisionSource, opts: { city?: string; onProgress?: ProgressFn } = {}): Promise<ImportReport> {
      require(actor, 'unit.import');
      if (!source.cities) throw fieldError('files', 'cities.csv is missing');
      if (!source.areas) throw fieldError('files', 'areas.csv is missing');
      const parsed = readDivisionSource(source, opts.city ? { city: opts.city } : {});
      if (opts.city && !parsed.cities.includes(opts.city)) throw fieldError('city', `city ${opts.city} is not in cities.csv`);
      for (const c of parsed.rows.filter((r) => r.level === 'city' || r.level === 'province')) {
        const path = c.parentCode === 'root' ? `root.${c.code}` : `root.${c.parentCode}.${c.code}`;
        if (!inScope(actor, 'unit.import', { path })) throw new AppError('OUT_OF_SCOPE', `importing ${c.code} ${c.name} is outside your area`);
      }
      return runImport(ctx, actor, parsed, opts.onProgress ? { onProgress: opts.onProgress } : {});
    },

    async lastImports(actor: Actor, limit = 10) {
      require(actor, 'unit.import');
      const rows = await importRepository.lastImports(db, limit);
      return { items: rows.map((r) => ({ id: r.id, at: toIso(r.at) ?? '', actor: r.actor_name, cities: r.cities, report: r.report as ImportReport })) };
    },

    async generate(actor: Actor, body: GenerateBody, onProgress?: ProgressFn): Promise<GenerateReport> {
      const unit = await unitFor(actor, body.unit, 'grid.generate');
      return runGenerate(ctx, actor, unit, {
        seed: body.seed ?? 1,
        targetMin: body.targetMin ?? DEFAULT_GRID_TARGET.min,
        targetMax: body.targetMax ?? DEFAULT_GRID_TARGET.max,
        force: body.force ?? false,
        ...(onProgress ? { onProgress } : {}),
      });
    },
  };
}
export type UnitsService = ReturnType<typeof createUnitsService>;
