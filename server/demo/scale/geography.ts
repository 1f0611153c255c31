// The imported hierarchy as the generator sees it: every active grid with its ancestors and its
// polygon, and random points inside a grid (bounding box + point-in-polygon, even-odd rule, so
// holes and multi-polygons work).
import { sql, type Executor } from '../../db/client.js';
import type { Rng } from '../../../common/random.js';

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}

export interface GridInfo extends UnitRef {
  path: string;
  households: number;
  community: UnitRef & { kind: string };
  street: UnitRef;
  district: UnitRef;
  city: UnitRef;
  /** Rings as flat [x0, y0, x1, y1, …] arrays. */
  rings: Float64Array[];
  bbox: [number, number, number, number];
  /** A point surely inside (ST_PointOnSurface). */
  inside: [number, number];
}

export interface Geography {
  grids: GridInfo[];
  communities: UnitRef[];
  streets: UnitRef[];
  districts: UnitRef[];
  city: UnitRef;
}

interface UnitRow {
  id: string;
  code: string;
  name: string;
  short_name: string | null;
  level: string;
  kind: string;
  path: string;
  households: number | null;
}

interface GridRow extends UnitRow {
  geojson: string;
  ix: number;
  iy: number;
}

function ringsOf(geojson: string): Float64Array[] {
  const g = JSON.parse(geojson) as { type: string; coordinates: number[][][] | number[][][][] };
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
  const out: Float64Array[] = [];
  for (const poly of polys) {
    for (const ring of poly) {
      const a = new Float64Array(ring.length * 2);
      ring.forEach((p, i) => {
        a[2 * i] = p[0]!;
        a[2 * i + 1] = p[1]!;
      });
      out.push(a);
    }
  }
  return out;
}

export function pointInRings(rings: Float64Array[], x: number, y: number): boolean {
  let inside = false;
  for (const r of rings) {
    const n = r.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const xi = r[2 * i]!;
      const yi = r[2 * i + 1]!;
      const xj = r[2 * j]!;
      const yj = r[2 * j + 1]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** A uniformly random point inside the grid (the point-on-surface after 200 misses). */
export function randomPointIn(g: GridInfo, r: Rng): [number, number] {
  const [x0, y0, x1, y1] = g.bbox;
  for (let i = 0; i < 200; i++) {
    const x = x0 + r() * (x1 - x0);
    const y = y0 + r() * (y1 - y0);
    if (pointInRings(g.rings, x, y)) return [x, y];
  }
  return g.inside;
}

/** A point near `p` (within about `meters`) that is still inside the grid. */
export function jitterIn(g: GridInfo, p: [number, number], meters: number, r: Rng): [number, number] {
  const dLat = meters / 111_000;
  const dLng = dLat / Math.cos((p[1] * Math.PI) / 180);
  for (let i = 0; i < 10; i++) {
    const x = p[0] + (r() * 2 - 1) * dLng;
    const y = p[1] + (r() * 2 - 1) * dLat;
    if (pointInRings(g.rings, x, y)) return [x, y];
  }
  return p;
}

export async function loadGeography(db: Executor): Promise<Geography> {
  const units = await db.rows<UnitRow>(sql`SELECT id::text AS id, code, name, short_name, level, kind, path::text AS path, households
    FROM units WHERE retired_at IS NULL AND level <> 'grid'`);
  const byCode = new Map(units.map((u) => [u.code, u]));
  const gridRows = await db.rows<GridRow>(sql`SELECT id::text AS id, code, name, short_name, level, kind, path::text AS path, households,
      ST_AsGeoJSON(geom) AS geojson, ST_X(p) AS ix, ST_Y(p) AS iy
    FROM (SELECT u.*, ST_PointOnSurface(u.geom) AS p FROM units u WHERE u.level = 'grid' AND u.retired_at IS NULL AND u.geom IS NOT NULL) g
    ORDER BY code`);
  const ref = (u: UnitRow): UnitRef => ({ id: u.id, code: u.code, name: u.short_name ?? u.name });
  const grids: GridInfo[] = [];
  let city: UnitRef | null = null;
  for (const g of gridRows) {
    const anc: Partial<Record<string, UnitRow>> = {};
    for (const label of g.path.split('.').slice(0, -1)) {
      const u = byCode.get(label);
      if (u) anc[u.level] = u;
    }
    const community = anc.community;
    const street = anc.street ?? community;
    const district = anc.district ?? street;
    const c = anc.city ?? anc.province ?? district;
    if (!community || !street || !district || !c) continue;
    city ??= ref(c);
    const rings = ringsOf(g.geojson);
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const r of rings) {
      for (let i = 0; i < r.length; i += 2) {
        x0 = Math.min(x0, r[i]!);
        x1 = Math.max(x1, r[i]!);
        y0 = Math.min(y0, r[i + 1]!);
        y1 = Math.max(y1, r[i + 1]!);
      }
    }
    grids.push({
      id: g.id, code: g.code, name: g.short_name ?? g.name, path: g.path,
      households: g.households ?? 0,
      community: { ...ref(community), kind: community.kind }, street: ref(street), district: ref(district), city: ref(c),
      rings, bbox: [x0, y0, x1, y1], inside: [g.ix, g.iy],
    });
  }
  if (!city || grids.length === 0) throw new Error('no grids with boundaries: import the hierarchy and generate the grids first');
  const uniq = (xs: UnitRef[]) => [...new Map(xs.map((x) => [x.id, x])).values()];
  return {
    grids,
    communities: uniq(grids.map((g) => g.community)),
    streets: uniq(grids.map((g) => g.street)),
    districts: uniq(grids.map((g) => g.district)),
    city,
  };
}
