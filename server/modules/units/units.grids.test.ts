import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/app.js';
import { systemActor } from '../../core/access.js';
import { sql } from '../../db/client.js';
import type {
  CoverageReport, CoverageTreeReport, GenerateReport, LocateResponse, ReplaceBoundaryResponse, ResponsibleResponse, TreeResponse, UnitDetail,
  UnitFeatureCollection,
} from '../../../common/modules/units/units.contract.js';
import { createUnitsService, type UnitsService } from './units.service.js';
import { classifyFiles, readDivisionDir } from './units.source.js';
import { locatePoint } from './units.locate.js';
import { XINING_DIR } from './units.testdata.js';

let t: TestApp;
let svc: UnitsService;
let gen: GenerateReport;
let admin: Client;
const actor = systemActor('test');

beforeAll(async () => {
  t = await createTestApp();
  svc = createUnitsService(t.ctx);
  await svc.importDivisions(actor, classifyFiles(readDivisionDir(XINING_DIR)));
  gen = await svc.generate(actor, { unit: '6301', seed: 7 });
  await t.user('cityadmin', 'district_safety_office', '6301');
  await t.user('street1', 'street_official', '630102001');
  await t.user('comm1', 'community_official', '630102001001');
  await t.user('gw1', 'grid_worker', '630102001001001');
  await t.user('notgw', 'community_official', '630102001001');
  await t.user('sysadmin', 'system_admin', 'root');
  admin = await t.login('cityadmin');
}, 600_000);
afterAll(async () => t.close());

const code = (res: { json: <T>() => T }) => res.json<{ error: { code: string } }>().error.code;

describe('provisional boundaries', () => {
  it('generates every street, community and grid, about a thousand grids in the 151 urban communities', async () => {
    expect(gen.street).toEqual({ total: 80, changed: 80 });
    expect(gen.community).toEqual({ total: 1100, changed: 1100 });
    expect(gen.skipped).toEqual([]);
    expect(gen.grid.dedicated).toBe(4);
    const shequ = await t.db.one<{ communities: number; grids: number; min: number; max: number }>(sql`SELECT count(DISTINCT c.id)::int AS communities, count(g.id)::int AS grids,
        min(g.households)::int AS min, max(g.households)::int AS max
      FROM units c JOIN units g ON g.parent_id = c.id AND g.retired_at IS NULL AND g.grid_type = 'general'
      WHERE c.level = 'community' AND c.name LIKE '%社区%'`);
    expect(shequ?.communities).toBe(147);
    expect(shequ?.grids).toBeGreaterThan(800);
    expect(shequ?.grids).toBeLessThan(1300);
    expect(shequ?.min).toBeGreaterThanOrEqual(300);
    expect(shequ?.max).toBeLessThanOrEqual(500);
    const villages = await t.db.one<{ n: number; one: number }>(sql`SELECT count(*)::int AS n,
        (count(*) FILTER (WHERE (SELECT count(*) FROM units g WHERE g.parent_id = c.id AND g.retired_at IS NULL) = 1))::int AS one
      FROM units c WHERE c.level = 'community' AND c.kind = '村'`);
    expect(villages?.one).toBe(villages?.n);
    const noGrid = await t.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM units c WHERE c.level = 'community'
      AND NOT EXISTS (SELECT 1 FROM units g WHERE g.parent_id = c.id AND g.level = 'grid' AND g.geom IS NOT NULL)`);
    expect(noGrid?.n).toBe(0);
  });

  it('numbers grids with 15-digit codes, west → east and north → south inside the community', async () => {
    const grids = await t.db.rows<{ code: string; seq: number; x: number; y: number; name: string }>(sql`SELECT code, seq, ST_X(ST_Centroid(geom)) AS x, ST_Y(ST_Centroid(geom)) AS y, name
      FROM units WHERE parent_id = (SELECT id FROM units WHERE code = '630102001001') ORDER BY seq`);
    expect(grids.length).toBeGreaterThan(2);
    grids.forEach((g, i) => {
      expect(g.code).toBe(`630102001001${String(i + 1).padStart(3, '0')}`);
      expect(g.name).toBe(`北关社区第${i + 1}网格`);
    });
    // Rows are bands of about one grid's height (centroids within half of it), from the north;
    // inside a row the grids run from the west.
    const c = await t.db.one<{ a: number; lat: number }>(sql`SELECT ST_Area(geom) AS a, ST_Y(ST_Centroid(geom)) AS lat FROM units WHERE code = '630102001001'`);
    const h = Math.sqrt((c!.a * Math.cos((c!.lat * Math.PI) / 180)) / grids.length);
    let rest = [...grids];
    let expected: string[] = [];
    while (rest.length) {
      const top = Math.max(...rest.map((g) => g.y));
      const row = rest.filter((g) => top - g.y <= h / 2 + 1e-9).sort((p, q) => p.x - q.x);
      expected = [...expected, ...row.map((g) => g.code)];
      rest = rest.filter((g) => !row.includes(g));
    }
    expect(grids.map((g) => g.code)).toEqual(expected);
    const bad = await t.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM units WHERE level = 'grid' AND (code !~ '^[0-9]{15}$' OR left(code, 12) <> (SELECT p.code FROM units p WHERE p.id = units.parent_id))`);
    expect(bad?.n).toBe(0);
  });

  it('leaves no gap and no overlap beyond the tolerance at any level', async () => {
    for (const c of ['6301', '630102', '630102001', '630102001001', '630106100', '630121']) {
      const res = await admin.get(`/api/units/${c}/coverage`);
      expect(res.statusCode).toBe(200);
      const cov = res.json<CoverageReport>();
      expect({ c, ok: cov.ok, gaps: cov.gaps.length, overlaps: cov.overlaps.length, outside: cov.outside.length }).toEqual({ c, ok: true, gaps: 0, overlaps: 0, outside: 0 });
      expect(cov.children).toBeGreaterThan(0);
      expect(Math.abs(cov.childrenAreaM2 - (cov.areaM2 ?? 0)) / (cov.areaM2 ?? 1)).toBeLessThan(1e-3);
    }
    const tree = (await admin.get('/api/units/6301/coverage/tree')).json<CoverageTreeReport>();
    expect(tree.problems).toEqual([]);
    expect(tree.ok).toBe(true);
    expect(tree.byLevel).toEqual({
      city: { checked: 1, withProblems: 0 }, district: { checked: 7, withProblems: 0 },
      street: { checked: 80, withProblems: 0 }, community: { checked: 1100, withProblems: 0 },
    });
  }, 300_000);

  it('changes nothing when generated again with the same seed', async () => {
    const again = await svc.generate(actor, { unit: '6301', seed: 7 });
    expect(again.street.changed + again.community.changed + again.grid.changed + again.grid.created + again.grid.retired).toBe(0);
    expect(again.grid.total).toBe(gen.grid.total);
  }, 300_000);
});

describe('point → grid', () => {
  async function sharedEdgePoint() {
    // Two grids of 北关社区 sharing an axis-parallel edge: its midpoint lies exactly on both.
    const row = await t.db.one<{ a: string; b: string; x1: number; y1: number; x2: number; y2: number }>(sql`
      WITH g AS (SELECT code, geom FROM units WHERE parent_id = (SELECT id FROM units WHERE code = '630102001001') AND retired_at IS NULL),
      seg AS (
        SELECT a.code AS a, b.code AS b, (ST_Dump(ST_LineMerge(ST_CollectionExtract(ST_Intersection(a.geom, b.geom, 1e-9), 2)))).geom AS l
        FROM g a JOIN g b ON a.code < b.code AND ST_Touches(a.geom, b.geom)
      ), pts AS (SELECT a, b, (ST_DumpSegments(l)).geom AS s FROM seg)
      SELECT a, b, ST_X(ST_StartPoint(s)) AS x1, ST_Y(ST_StartPoint(s)) AS y1, ST_X(ST_EndPoint(s)) AS x2, ST_Y(ST_EndPoint(s)) AS y2
      FROM pts WHERE ST_X(ST_StartPoint(s)) = ST_X(ST_EndPoint(s)) OR ST_Y(ST_StartPoint(s)) = ST_Y(ST_EndPoint(s))
      ORDER BY ST_Length(s) DESC LIMIT 1`);
    if (!row) throw new Error('no shared edge');
    return { ...row, mid: row.x1 === row.x2 ? [row.x1, (row.y1 + row.y2) / 2] : [(row.x1 + row.x2) / 2, row.y1] };
  }

  it('finds the grid and its ancestors for a point inside', async () => {
    const p = await t.db.one<{ x: number; y: number }>(sql`SELECT ST_X(label_point) AS x, ST_Y(label_point) AS y FROM units WHERE code = '630102001001001'`);
    const res = await admin.get(`/api/units/locate?lng=${p!.x}&lat=${p!.y}`);
    expect(res.statusCode).toBe(200);
    const body = res.json<LocateResponse>();
    expect(body.grid.code).toBe('630102001001001');
    expect(body.ancestors.map((a) => a.code)).toEqual(['6301', '630102', '630102001', '630102001001']);
  });

  it('puts a point on a shared edge, and on a shared vertex, in exactly one grid: the one with the smallest code', async () => {
    const e = await sharedEdgePoint();
    const covering = await t.db.rows<{ code: string }>(sql`SELECT code FROM units WHERE level = 'grid' AND retired_at IS NULL
      AND ST_Covers(geom, ST_SetSRID(ST_MakePoint(${e.mid[0]}::float8, ${e.mid[1]}::float8), 4326)) ORDER BY code`);
    expect(covering.map((c) => c.code)).toEqual([e.a, e.b]);
    expect((await admin.get(`/api/units/locate?lng=${e.mid[0]}&lat=${e.mid[1]}`)).json<LocateResponse>().grid.code).toBe(e.a);
    expect((await locatePoint(t.db, e.mid[0]!, e.mid[1]!))?.gridCode).toBe(e.a);

    const vertex = await t.db.rows<{ code: string }>(sql`SELECT code FROM units WHERE level = 'grid' AND retired_at IS NULL
      AND ST_Covers(geom, ST_SetSRID(ST_MakePoint(${e.x1}::float8, ${e.y1}::float8), 4326)) ORDER BY code`);
    expect(vertex.length).toBeGreaterThanOrEqual(2);
    expect((await admin.get(`/api/units/locate?lng=${e.x1}&lat=${e.y1}`)).json<LocateResponse>().grid.code).toBe(vertex[0]!.code);
  });

  it('answers 404 OUTSIDE_JURISDICTION outside the city and outside the caller\'s area', async () => {
    const out = await admin.get('/api/units/locate?lng=116.39&lat=39.9');
    expect(out.statusCode).toBe(404);
    expect(code(out)).toBe('OUTSIDE_JURISDICTION');
    const p = await t.db.one<{ x: number; y: number }>(sql`SELECT ST_X(label_point) AS x, ST_Y(label_point) AS y FROM units WHERE code = '630103001'`);
    const other = await (await t.login('street1')).get(`/api/units/locate?lng=${p!.x}&lat=${p!.y}`);
    expect(other.statusCode).toBe(404);
    expect(code(other)).toBe('OUTSIDE_JURISDICTION');
    expect((await admin.get('/api/units/locate?lng=200&lat=0')).statusCode).toBe(400);
  });
});

describe('grid workers and responsible persons', () => {
  it('assigns a grid worker account, shows it with masked phones of responsible persons, and answers who is responsible at a point', async () => {
    const comm = await t.login('comm1');
    const assigned = await comm.post('/api/units/630102001001001/workers', { username: 'gw1' });
    expect(assigned.statusCode).toBe(200);
    expect((await comm.post('/api/units/630102001001001/workers', { username: 'notgw' })).statusCode).toBe(400);
    expect((await comm.post('/api/units/630102001001/workers', { username: 'gw1' })).statusCode).toBe(400);
    const elsewhere = await comm.post('/api/units/630102001004001/workers', { username: 'gw1' });
    expect(elsewhere.statusCode).toBe(404);

    const st = await t.login('street1');
    const patched = await st.patch('/api/units/630102001001', { leader: { name: '王主任', phone: '13812345678' }, safetyOfficer: { name: '李安全', phone: '0971-8123456' }, households: 2600 });
    expect(patched.statusCode).toBe(200);
    const d = patched.json<UnitDetail>();
    expect(d.leader).toEqual({ name: '王主任', phone: '138****5678' });
    expect(d.safetyOfficer).toEqual({ name: '李安全', phone: '****-***3456' });
    expect(d.households).toBe(2600);
    expect(d.householdsEstimated).toBe(false);
    const enc = await t.db.one<{ enc: Buffer }>(sql`SELECT leader_phone_enc AS enc FROM units WHERE code = '630102001001'`);
    expect(enc?.enc.toString('latin1')).not.toContain('13812345678');

    const grid = (await comm.get('/api/units/630102001001001')).json<UnitDetail>();
    expect(grid.workers.map((w) => w.username)).toEqual(['gw1']);
    expect(grid.ancestors.map((a) => a.code)).toEqual(['6301', '630102', '630102001', '630102001001']);
    expect(grid.abilities.assignWorkers).toBe(true);
    expect(grid.boundary?.version).toBe(1);

    const p = await t.db.one<{ x: number; y: number }>(sql`SELECT ST_X(label_point) AS x, ST_Y(label_point) AS y FROM units WHERE code = '630102001001001'`);
    const who = (await comm.get(`/api/units/responsible?lng=${p!.x}&lat=${p!.y}`)).json<ResponsibleResponse>();
    expect(who.grid.code).toBe('630102001001001');
    expect(who.workers.map((w) => w.username)).toEqual(['gw1']);
    expect(who.responsible.map((r) => r.unit.code)).toEqual(['630102001001001', '630102001001', '630102001', '630102', '6301']);
    expect(who.responsible[1]?.leader).toEqual({ name: '王主任', phone: '138****5678' });

    const gwUserId = grid.workers[0]!.userId;
    const removed = await comm.delete(`/api/units/630102001001001/workers/${gwUserId}`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json<{ items: unknown[] }>().items).toEqual([]);
    await comm.post('/api/units/630102001001001/workers', { username: 'gw1' });
  });
});

describe('boundary edits and history', () => {
  it('re-assigns a located record when a grid boundary changes, keeps the old boundary readable as of its dates', async () => {
    await t.db.rows(sql`CREATE TABLE t_located (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, location geometry(Point, 4326),
      grid_id bigint, unit_path ltree, grid_override boolean NOT NULL DEFAULT false)`);
    await t.db.rows(sql`INSERT INTO located_tables (table_name) VALUES ('t_located')`);
    const grids = await t.db.rows<{ code: string; id: string }>(sql`SELECT code, id FROM units WHERE parent_id = (SELECT id FROM units WHERE code = '630102001001') ORDER BY code`);
    const [a, b] = [grids[0]!, grids[1]!];
    // A point inside grid A, 1 m from its border with grid B.
    const pt = await t.db.one<{ x: number; y: number }>(sql`WITH e AS (SELECT ST_Intersection(a.geom, b.geom, 1e-9) AS l FROM units a, units b WHERE a.code = ${a.code} AND b.code = ${b.code}),
      m AS (SELECT ST_LineInterpolatePoint(ST_GeometryN(ST_LineMerge(ST_CollectionExtract(l, 2)), 1), 0.5) AS p FROM e)
      SELECT ST_X(q) AS x, ST_Y(q) AS y FROM (SELECT ST_ClosestPoint((SELECT ST_Buffer(geom, -0.00001) FROM units WHERE code = ${a.code}), m.p) AS q FROM m) z`);
    const loc = await locatePoint(t.db, pt!.x, pt!.y);
    expect(loc?.gridCode).toBe(a.code);
    await t.db.rows(sql`INSERT INTO t_located (location, grid_id, unit_path) VALUES (ST_SetSRID(ST_MakePoint(${pt!.x}::float8, ${pt!.y}::float8), 4326), ${loc!.gridId}::bigint, ${loc!.path}::ltree)`);
    const before = (await admin.get(`/api/units/${a.code}`)).json<UnitDetail>();
    expect(before.counts.t_located).toBe(1);

    t.clock.advance(24 * 3600_000);
    admin = await t.login('cityadmin');
    const editTime = t.clock.now().toISOString();
    // Grid B grows by a 5 m band into grid A, inside the community; A gives the band up.
    const grown = await t.db.one<{ g: unknown }>(sql`SELECT ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Intersection(
        ST_Union(b.geom, ST_Intersection(a.geom, ST_Buffer(b.geom, 0.00006), 1e-9), 1e-9), c.geom, 1e-9), 3)), 12)::json AS g
      FROM units a, units b, units c WHERE a.code = ${a.code} AND b.code = ${b.code} AND c.code = '630102001001'`);
    const res = await (await t.login('street1')).put(`/api/units/${b.code}/boundary`, { geometry: grown!.g, reason: '按实际楼栋调整', adjustNeighbours: true });
    expect(res.statusCode).toBe(200);
    const body = res.json<ReplaceBoundaryResponse>();
    expect(body.version).toBe(2);
    expect(body.neighboursAdjusted).toContain(a.code);
    expect(body.reassigned.t_located).toBe(1);
    expect(body.parentCoverage?.ok).toBe(true);
    const moved = await t.db.one<{ code: string; path: string }>(sql`SELECT g.code, r.unit_path::text AS path FROM t_located r JOIN units g ON g.id = r.grid_id`);
    expect(moved).toEqual({ code: b.code, path: `root.6301.630102.630102001.630102001001.${b.code}` });

    const hist = (await admin.get(`/api/units/${b.code}/boundaries`)).json<{ items: Array<{ version: number; validTo: string | null; source: string; reason: string | null }> }>();
    expect(hist.items.map((h) => [h.version, h.source, h.validTo === null])).toEqual([[2, 'edit', true], [1, 'generated', false]]);
    expect(hist.items[0]?.reason).toBe('按实际楼栋调整');
    const oldAsOf = new Date(new Date(editTime).getTime() - 3600_000).toISOString();
    const old = (await admin.get(`/api/units/${b.code}/boundary?asOf=${encodeURIComponent(oldAsOf)}`)).json<{ properties: { version: number }; geometry: unknown }>();
    expect(old.properties.version).toBe(1);
    const now = (await admin.get(`/api/units/${b.code}/boundary`)).json<{ properties: { version: number } }>();
    expect(now.properties.version).toBe(2);
    const detailThen = (await admin.get(`/api/units/${b.code}?asOf=${encodeURIComponent(oldAsOf)}`)).json<UnitDetail>();
    expect(detailThen.boundary?.version).toBe(1);
    const veryOld = await admin.get(`/api/units/${b.code}/boundary?asOf=2000-01-01T00:00:00Z`);
    expect(veryOld.statusCode).toBe(404);
    const diff = await t.db.one<{ v1: number; v2: number }>(sql`WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(old.geometry)}), 4326) AS g)
      SELECT sg_planar_area_m2(ST_SymDifference(g.g, (SELECT geom FROM unit_boundaries WHERE unit_id = ${b.id}::bigint AND version = 1), 1e-9)) AS v1,
             sg_planar_area_m2(ST_SymDifference(g.g, (SELECT geom FROM unit_boundaries WHERE unit_id = ${b.id}::bigint AND version = 2), 1e-9)) AS v2 FROM g`);
    expect(diff!.v1).toBeLessThan(0.01);
    expect(diff!.v2).toBeGreaterThan(100);
  });

  it('refuses a grid boundary outside its community and a change without reason', async () => {
    const far = { type: 'Polygon', coordinates: [[[101.9, 36.7], [101.91, 36.7], [101.91, 36.71], [101.9, 36.71], [101.9, 36.7]]] };
    const st = await t.login('street1');
    const res = await st.put('/api/units/630102001001003/boundary', { geometry: far, reason: '测试' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { details: { fields: Array<{ field: string; code?: string }> } } }>().error.details.fields[0]).toMatchObject({ field: 'body/geometry', code: 'outside_parent' });
    const noReason = await st.put('/api/units/630102001001003/boundary', { geometry: far });
    expect(noReason.statusCode).toBe(400);
    const comm = await t.login('comm1');
    expect((await comm.put('/api/units/630102001001003/boundary', { geometry: far, reason: '测试' })).statusCode).toBe(403);
  });
});

describe('browsing the tree (scoped)', () => {
  it('shows a street official their street in full and the ancestors by name only, and nothing of another district', async () => {
    const st = await t.login('street1');
    const top = (await st.get('/api/units/tree')).json<TreeResponse>();
    expect(top.items.map((i) => [i.code, i.restricted])).toEqual([['6301', true]]);
    expect(top.items[0]?.areaM2).toBeNull();
    const districts = (await st.get('/api/units/tree?parent=6301')).json<TreeResponse>();
    expect(districts.items.map((i) => i.code)).toEqual(['630102']);
    const streets = (await st.get('/api/units/tree?parent=630102')).json<TreeResponse>();
    expect(streets.items.map((i) => [i.code, i.restricted])).toEqual([['630102001', false]]);
    const comms = (await st.get('/api/units/tree?parent=630102001')).json<TreeResponse>();
    expect(comms.items.length).toBe(3);
    expect(comms.items.every((i) => !i.restricted && i.hasBoundary && i.childCount > 0)).toBe(true);

    const city = (await st.get('/api/units/6301')).json<UnitDetail>();
    expect(city.restricted).toBe(true);
    expect(city.boundary).toBeNull();
    expect((await st.get('/api/units/630103')).statusCode).toBe(404);
    expect((await st.get('/api/units/630103001001')).statusCode).toBe(404);
    expect((await st.get('/api/units/630103/children/geojson')).statusCode).toBe(404);
    expect((await st.get('/api/units/630103/coverage')).statusCode).toBe(404);
    const found = (await st.get(`/api/units/search?q=${encodeURIComponent('社区')}&limit=50`)).json<{ items: Array<{ code: string }> }>();
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.every((i) => i.code.startsWith('630102001'))).toBe(true);
  });

  it('serves the children as GeoJSON with label points, and lets the system administrator browse', async () => {
    const fc = (await admin.get('/api/units/630102001001/children/geojson?zoom=15')).json<UnitFeatureCollection>();
    const n = await t.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM units WHERE parent_id = (SELECT id FROM units WHERE code = '630102001001') AND retired_at IS NULL`);
    expect(fc.features).toHaveLength(n!.n);
    expect(fc.features.every((f) => f.properties.label !== null && f.properties.level === 'grid')).toBe(true);
    expect(fc.bbox).toHaveLength(4);
    const city = (await admin.get('/api/units/6301/children/geojson')).json<UnitFeatureCollection>();
    expect(city.features.map((f) => f.properties.shortName)).toContain('湟中区');
    const found = (await admin.get(`/api/units/search?q=${encodeURIComponent('北关')}`)).json<{ items: Array<{ code: string; context: string }> }>();
    expect(found.items[0]).toMatchObject({ code: '630102001001', context: '西宁市 / 城东区 / 东关大街街道' });

    const sys = await t.login('sysadmin');
    const root = (await sys.get('/api/units/tree')).json<TreeResponse>();
    expect(root.items.map((i) => [i.code, i.restricted])).toEqual([['6301', false]]);
    expect((await sys.patch('/api/units/6301', { households: 1 })).statusCode).toBe(403);
  });
});
