// Coverage check: the gaps (unit minus the union of its children), the overlaps (between
// children) and what children put outside their parent, ignoring slivers below a tolerance. One
// unit in detail, or every unit of a subtree in summary. Areas are m² in the map's plane
// (sg_planar_area_m2), since boundaries are straight in EPSG:4326. Overlay operations run with a
// 1e-9° grid (snap-rounding), which PGlite's PostGIS needs: its floating-point overlay fallback
// can fail silently there (the statement returns no rows).
import { sql, type Executor } from '../../db/client.js';
import type { CoverageReport, CoverageTreeReport } from '../../../common/modules/units/units.contract.js';
import type { UnitLevel } from '../../../common/modules/units/units.rules.js';
import type { UnitRow } from './units.repository.js';

const MAX_SHAPES = 500;

export const coverageRepository = {
  children(db: Executor, unitId: string) {
    return db.rows<{ code: string; name: string; short_name: string; level: UnitLevel; has_geom: boolean; area_m2: number | null }>(sql`SELECT code, name,
      COALESCE(short_name, name) AS short_name, level, geom IS NOT NULL AS has_geom, area_m2
      FROM units WHERE parent_id = ${unitId}::bigint AND retired_at IS NULL ORDER BY code`);
  },
  gaps(db: Executor, unitId: string, tol: number) {
    return db.rows<{ area: number; geometry: unknown }>(sql`WITH p AS (SELECT geom FROM units WHERE id = ${unitId}::bigint AND geom IS NOT NULL),
        k AS (SELECT ST_Union(geom, 1e-9) AS g FROM units WHERE parent_id = ${unitId}::bigint AND retired_at IS NULL AND geom IS NOT NULL),
        d AS (SELECT (ST_Dump(ST_CollectionExtract(ST_Difference(p.geom, k.g, 1e-9), 3))).geom AS g FROM p, k WHERE k.g IS NOT NULL),
        a AS (SELECT g, sg_planar_area_m2(g) AS area FROM d)
      SELECT area, ST_AsGeoJSON(g, 7)::json AS geometry FROM a WHERE area > ${tol}::float8 ORDER BY area DESC LIMIT ${MAX_SHAPES}`);
  },
  overlaps(db: Executor, unitId: string, tol: number) {
    return db.rows<{ a: string; b: string; area: number; geometry: unknown }>(sql`WITH k AS (
          SELECT id, code, geom FROM units WHERE parent_id = ${unitId}::bigint AND retired_at IS NULL AND geom IS NOT NULL
        ), pairs AS (
          SELECT a.code AS a, b.code AS b, ST_CollectionExtract(ST_Intersection(a.geom, b.geom, 1e-9), 3) AS g
          FROM k a JOIN k b ON a.code < b.code AND a.geom && b.geom AND ST_Relate(a.geom, b.geom, '2********')
        ), parts AS (
          SELECT a, b, (ST_Dump(g)).geom AS g FROM pairs
        ), big AS (
          SELECT a, b, g, sg_planar_area_m2(g) AS area FROM parts
        )
      SELECT a, b, sum(area) AS area, ST_AsGeoJSON(ST_Collect(g), 7)::json AS geometry FROM big WHERE area > ${tol}::float8
      GROUP BY a, b ORDER BY sum(area) DESC LIMIT ${MAX_SHAPES}`);
  },
  outside(db: Executor, unitId: string, tol: number) {
    return db.rows<{ code: string; area: number; geometry: unknown }>(sql`WITH p AS (SELECT geom FROM units WHERE id = ${unitId}::bigint AND geom IS NOT NULL),
        parts AS (
          SELECT c.code, (ST_Dump(ST_CollectionExtract(ST_Difference(c.geom, p.geom, 1e-9), 3))).geom AS g
          FROM units c, p WHERE c.parent_id = ${unitId}::bigint AND c.retired_at IS NULL AND c.geom IS NOT NULL AND NOT ST_CoveredBy(c.geom, p.geom)
        ), big AS (SELECT code, g, sg_planar_area_m2(g) AS area FROM parts)
      SELECT code, sum(area) AS area, ST_AsGeoJSON(ST_Collect(g), 7)::json AS geometry FROM big WHERE area > ${tol}::float8
      GROUP BY code ORDER BY sum(area) DESC LIMIT ${MAX_SHAPES}`);
  },

  /**
   * For every unit with children in a subtree: its planar area, the sum of its children's, the
   * total area of sibling overlaps and of what children put outside it (degrees², and the local
   * m² per degree²). Gaps follow arithmetically; only suspicious units are checked in detail.
   */
  treeStats(db: Executor, path: string) {
    return db.rows<{ id: string; code: string; name: string; level: UnitLevel; has_geom: boolean; n: number; missing: number; f: number | null;
      parent_deg2: number | null; kids_deg2: number }>(sql`
      SELECT p.id::text AS id, p.code, p.name, p.level, p.geom IS NOT NULL AS has_geom, count(*)::int AS n,
        (count(*) FILTER (WHERE c.geom IS NULL))::int AS missing,
        CASE WHEN p.geom IS NOT NULL THEN sg_m2_per_deg2(ST_Y(ST_Centroid(p.geom))) END AS f, ST_Area(p.geom) AS parent_deg2,
        COALESCE(sum(ST_Area(c.geom)), 0) AS kids_deg2
      FROM units p JOIN units c ON c.parent_id = p.id AND c.retired_at IS NULL
      WHERE p.path <@ ${path}::ltree AND p.retired_at IS NULL AND p.level <> 'grid'
      GROUP BY p.id ORDER BY p.path`);
  },
  /** Per parent in a subtree: the area (degrees²) its children put outside it. */
  treeOutside(db: Executor, path: string) {
    return db.rows<{ parent_id: string; deg2: number }>(sql`SELECT c.parent_id::text AS parent_id, sum(ST_Area(ST_Difference(c.geom, p.geom, 1e-9))) AS deg2
      FROM units c JOIN units p ON p.id = c.parent_id
      WHERE p.path <@ ${path}::ltree AND p.retired_at IS NULL AND p.level <> 'grid' AND c.retired_at IS NULL
        AND c.geom IS NOT NULL AND p.geom IS NOT NULL AND NOT ST_CoveredBy(c.geom, p.geom)
      GROUP BY c.parent_id`);
  },
  /** Per parent in a subtree: the area (degrees²) where its children overlap each other. */
  treeOverlaps(db: Executor, path: string) {
    return db.rows<{ parent_id: string; deg2: number }>(sql`SELECT a.parent_id::text AS parent_id, sum(ST_Area(ST_Intersection(a.geom, b.geom, 1e-9))) AS deg2
      FROM units a JOIN units b ON b.parent_id = a.parent_id AND a.id < b.id AND a.geom && b.geom
      WHERE a.path <@ ${path}::ltree AND a.path <> ${path}::ltree AND a.retired_at IS NULL AND b.retired_at IS NULL
        AND ST_Relate(a.geom, b.geom, '2********')
      GROUP BY a.parent_id`);
  },
};

export async function unitCoverage(db: Executor, unit: UnitRow, tol: number): Promise<CoverageReport> {
  const kids = await coverageRepository.children(db, unit.id);
  const gaps = unit.has_geom ? await coverageRepository.gaps(db, unit.id, tol) : [];
  const overlaps = await coverageRepository.overlaps(db, unit.id, tol);
  const outside = unit.has_geom ? await coverageRepository.outside(db, unit.id, tol) : [];
  const without = kids.filter((k) => !k.has_geom).map((k) => ({ code: k.code, name: k.name, shortName: k.short_name, level: k.level }));
  const sum = (xs: Array<{ area: number }>) => xs.reduce((s, x) => s + Number(x.area), 0);
  const report: CoverageReport = {
    unit: { code: unit.code, name: unit.name, shortName: unit.short_name, level: unit.level },
    toleranceM2: tol,
    areaM2: unit.area_m2,
    children: kids.length,
    childrenAreaM2: kids.reduce((s, k) => s + (k.area_m2 ?? 0), 0),
    childrenWithoutBoundary: without,
    gaps: gaps.map((g) => ({ areaM2: Number(g.area), geometry: g.geometry })),
    overlaps: overlaps.map((o) => ({ a: o.a, b: o.b, areaM2: Number(o.area), geometry: o.geometry })),
    outside: outside.map((o) => ({ code: o.code, areaM2: Number(o.area), geometry: o.geometry })),
    gapAreaM2: sum(gaps),
    overlapAreaM2: sum(overlaps),
    outsideAreaM2: sum(outside),
    ok: false,
  };
  report.ok = (kids.length === 0 || unit.has_geom) && gaps.length === 0 && overlaps.length === 0 && outside.length === 0 && without.length === 0;
  return report;
}

export async function treeCoverage(db: Executor, unit: UnitRow, tol: number, load: (id: string) => Promise<UnitRow | undefined>): Promise<CoverageTreeReport> {
  const t0 = Date.now();
  const stats = await coverageRepository.treeStats(db, unit.path);
  const outsideBy = new Map((await coverageRepository.treeOutside(db, unit.path)).map((o) => [o.parent_id, Number(o.deg2)]));
  const overlapBy = new Map((await coverageRepository.treeOverlaps(db, unit.path)).map((o) => [o.parent_id, Number(o.deg2)]));
  const byLevel: CoverageTreeReport['byLevel'] = {};
  const problems: CoverageTreeReport['problems'] = [];
  for (const s of stats) {
    const lvl = (byLevel[s.level] ??= { checked: 0, withProblems: 0 });
    lvl.checked++;
    let gap = 0;
    let overlap = 0;
    let outside = 0;
    if (s.has_geom && s.f !== null && s.parent_deg2 !== null) {
      const f = Number(s.f);
      const ov = overlapBy.get(s.id) ?? 0;
      const out = outsideBy.get(s.id) ?? 0;
      overlap = ov * f;
      outside = out * f;
      gap = Math.max(0, (Number(s.parent_deg2) - (Number(s.kids_deg2) - ov - out)) * f);
      if (gap > tol || overlap > tol || outside > tol) {
        // The totals include sub-tolerance slivers: look at the shapes.
        const row = await load(s.id);
        if (row) {
          const detail = await unitCoverage(db, row, tol);
          gap = detail.gapAreaM2;
          overlap = detail.overlapAreaM2;
          outside = detail.outsideAreaM2;
        }
      } else {
        gap = overlap = outside = 0;
      }
    } else if ((overlapBy.get(s.id) ?? 0) > 0) {
      const row = await load(s.id);
      if (row) overlap = (await unitCoverage(db, row, tol)).overlapAreaM2;
    }
    const p = { code: s.code, name: s.name, level: s.level, children: s.n, childrenWithoutBoundary: s.missing, gapAreaM2: gap, overlapAreaM2: overlap, outsideAreaM2: outside };
    const bad = gap > 0 || overlap > 0 || outside > 0 || s.missing > 0 || (!s.has_geom && s.n > s.missing);
    if (bad) {
      lvl.withProblems++;
      problems.push(p);
    }
  }
  return {
    unit: { code: unit.code, name: unit.name, shortName: unit.short_name, level: unit.level },
    toleranceM2: tol,
    checked: stats.length,
    byLevel,
    problems,
    ok: problems.length === 0,
    durationMs: Date.now() - t0,
  };
}
