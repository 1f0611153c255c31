import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { systemActor } from '../../core/access.js';
import { sql } from '../../db/client.js';
import type { ImportReport } from '../../../common/modules/units/units.contract.js';
import { createUnitsService, type UnitsService } from './units.service.js';
import { classifyFiles, readDivisionDir } from './units.source.js';
import { multipartBody, writeSyntheticCity, XINING_DIR, xiningCopy } from './units.testdata.js';

let t: TestApp;
let svc: UnitsService;
let first: ImportReport;
const actor = systemActor('test');
const importDir = (dir: string, opts: { city?: string; mapping?: string } = {}) =>
  svc.importDivisions(actor, classifyFiles(readDivisionDir(dir, opts.mapping), opts.mapping ? `mapping:${path.basename(opts.mapping)}` : undefined), opts.city ? { city: opts.city } : {});

/** Everything about the units that an import could change, as one hash, plus the boundary history size. */
async function snapshot() {
  const u = await t.db.one<{ h: string; n: number }>(sql`SELECT md5(string_agg(concat_ws('|', code, name, short_name, level, kind, kind_source, parent_id,
      path::text, retired_at, boundary_version, boundary_source, updated_at, households, ST_AsEWKT(geom)), ',' ORDER BY code)) AS h, count(*)::int AS n FROM units`);
  const b = await t.db.one<{ n: number; open: number }>(sql`SELECT count(*)::int AS n, (count(*) FILTER (WHERE valid_to IS NULL))::int AS open FROM unit_boundaries`);
  return { units: u, boundaries: b };
}

beforeAll(async () => {
  t = await createTestApp();
  svc = createUnitsService(t.ctx);
  first = await importDir(XINING_DIR, { city: '6301' });
}, 600_000);
afterAll(async () => t.close());

describe('importing Xining from the public division files', () => {
  it('creates 1 city, 7 districts, 80 streets/townships and 1100 communities/villages with ltree paths of codes', async () => {
    expect(first.counts).toEqual({ province: 0, city: 1, district: 7, street: 80, community: 1100 });
    expect(first.totals).toEqual({ province: 0, city: 1, district: 7, street: 80, community: 1100 });
    expect(first.added).toEqual({ province: 0, city: 1, district: 7, street: 80, community: 1100 });
    const rows = await t.db.rows<{ level: string; n: number }>(sql`SELECT level, count(*)::int AS n FROM units WHERE retired_at IS NULL GROUP BY level ORDER BY level`);
    expect(Object.fromEntries(rows.map((r) => [r.level, r.n]))).toEqual({ root: 1, city: 1, district: 7, street: 80, community: 1100 });
    const bg = await t.db.one<{ path: string; kind: string; short_name: string; parent: string }>(sql`SELECT u.path::text AS path, u.kind, u.short_name, p.code AS parent
      FROM units u JOIN units p ON p.id = u.parent_id WHERE u.code = '630102001001'`);
    expect(bg).toEqual({ path: 'root.6301.630102.630102001.630102001001', kind: '社区', short_name: '北关社区', parent: '630102001' });
  });

  it('gives all 7 districts and the city a polygon, reporting the 湟中县 → 湟中区 rename and the repairs', async () => {
    expect(first.withoutPolygon).toEqual([]);
    expect(first.unmatchedPolygons).toEqual([]);
    expect(first.matchedPolygons).toHaveLength(7);
    expect(first.polygonRenames).toEqual([{ code: '630106', polygonName: '湟中县', polygonId: '630122', unitName: '湟中区', matchedBy: 'normalized name' }]);
    const withGeom = await t.db.rows<{ code: string; valid: boolean; src: string; v: number }>(sql`SELECT code, ST_IsValid(geom) AS valid, boundary_source AS src, boundary_version AS v
      FROM units WHERE level IN ('city', 'district') AND geom IS NOT NULL ORDER BY code`);
    expect(withGeom.map((w) => w.code)).toEqual(['6301', '630102', '630103', '630104', '630105', '630106', '630121', '630123']);
    expect(withGeom.every((w) => w.valid && w.src === 'import' && w.v === 1)).toBe(true);
    // Every polygon of the file has repeated points and self-intersections (quantized coordinates).
    expect(first.repaired).toHaveLength(7);
    for (const r of first.repaired) {
      expect(r.actions.some((a) => a.startsWith('removed') && a.includes('repeated points'))).toBe(true);
      expect(r.actions.some((a) => a.startsWith('made valid'))).toBe(true);
    }
    // The repaired districts overlapped in three small spots; the later code gave way.
    expect(first.repaired.find((r) => r.code === '630106')?.actions.some((a) => /overlapping 630102/.test(a))).toBe(true);
    const overlaps = await t.db.one<{ m2: number }>(sql`SELECT COALESCE(sum(sg_planar_area_m2(ST_Intersection(a.geom, b.geom, 1e-9))), 0) AS m2
      FROM units a JOIN units b ON a.level = 'district' AND b.level = 'district' AND a.code < b.code AND a.geom && b.geom`);
    expect(overlaps?.m2).toBeLessThan(1);
    // The city is the union of its districts.
    const city = await t.db.one<{ diff: number }>(sql`SELECT sg_planar_area_m2(ST_SymDifference(c.geom, (SELECT ST_Union(geom, 1e-9) FROM units WHERE level = 'district'), 1e-9)) AS diff
      FROM units c WHERE c.code = '6301'`);
    expect(city?.diff).toBeLessThan(1);
  });

  it('reads kinds from name and code together and notes where they disagree', async () => {
    const kinds = await t.db.rows<{ code: string; kind: string }>(sql`SELECT code, kind FROM units
      WHERE code IN ('630102001', '630121101', '630121201', '630102400', '630106401', '630102400498', '630103007008', '630121101201') ORDER BY code`);
    expect(Object.fromEntries(kinds.map((k) => [k.code, k.kind]))).toMatchObject({
      '630102001': '街道', '630102400': '园区', '630106401': '街道', '630102400498': '社区', '630103007008': '社区',
    });
    const urban = await t.db.one<{ n: number; shequ: number }>(sql`SELECT count(*)::int AS n, (count(*) FILTER (WHERE name LIKE '%社区%'))::int AS shequ
      FROM units WHERE level = 'community' AND kind = '社区'`);
    expect(urban?.shequ).toBe(151);
    expect(first.kindNotes.map((k) => k.code)).toEqual(expect.arrayContaining(['630106401', '630102400498', '630103400498', '630105400498', '630106400498']));
  });

  it('changes nothing when run a second time', async () => {
    const before = await snapshot();
    const again = await importDir(XINING_DIR, { city: '6301' });
    const after = await snapshot();
    expect(after).toEqual(before);
    expect(again.changed).toBe(false);
    expect(again.added).toEqual({ province: 0, city: 0, district: 0, street: 0, community: 0 });
    expect(again.renamedUnits).toEqual([]);
    expect(again.retired).toEqual([]);
    expect(again.boundariesChanged).toBe(0);
    expect(again.polygonRenames).toHaveLength(1);
    const imports = await t.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM unit_imports`);
    expect(imports?.n).toBe(2);
  });

  it('updates names, adds new units, retires vanished ones (never deletes) and brings them back', async () => {
    const changed = xiningCopy((csv) =>
      csv
        .replace('630102001001,北关社区居民委员会,', '630102001001,北关社区居委会,')
        .replace(/^630123206212,.*\n/m, '')
        .concat('630102001099,新建社区居民委员会,630102001,63,6301,630102\n'));
    const r = await importDir(changed);
    expect(r.renamedUnits).toEqual([{ code: '630102001001', level: 'community', from: '北关社区居民委员会', to: '北关社区居委会' }]);
    expect(r.added.community).toBe(1);
    expect(r.retired).toEqual([{ code: '630123206212', name: '五岭村委会', level: 'community' }]);
    const gone = await t.db.one<{ retired: boolean }>(sql`SELECT retired_at IS NOT NULL AS retired FROM units WHERE code = '630123206212'`);
    expect(gone?.retired).toBe(true);
    expect(r.totals.community).toBe(1100);

    const back = await importDir(XINING_DIR);
    expect(back.reactivated).toBe(1);
    expect(back.renamedUnits).toEqual([{ code: '630102001001', level: 'community', from: '北关社区居委会', to: '北关社区居民委员会' }]);
    expect(back.retired.map((x) => x.code)).toEqual(['630102001099']);
    expect(back.totals.community).toBe(1100);
  });

  it('keeps a kind corrected by a user across imports', async () => {
    await svc.update(actor, '630102400498', { kind: '村' });
    const r = await importDir(XINING_DIR);
    expect(r.manualKindsKept).toEqual([{ code: '630102400498', name: '东川工业园虚拟社区', kind: '村', imported: '社区' }]);
    const u = await t.db.one<{ kind: string; kind_source: string }>(sql`SELECT kind, kind_source FROM units WHERE code = '630102400498'`);
    expect(u).toEqual({ kind: '村', kind_source: 'manual' });
    await svc.update(actor, '630102400498', { kind: '社区' });
  });
});

describe('importing another city in the same formats', () => {
  it('reports a district without polygon, a renamed polygon, an unknown polygon, repairs and bad rows without failing', async () => {
    const { dir } = writeSyntheticCity();
    const r = await importDir(dir);
    expect(r.cities).toEqual([{ code: '9901', name: '测试市' }]);
    expect(r.counts).toEqual({ province: 0, city: 1, district: 3, street: 5, community: 7 });
    expect(r.withoutPolygon).toEqual([{ code: '990103', name: '丙县', level: 'district' }]);
    expect(r.polygonRenames).toEqual([{ code: '990102', polygonName: '乙县', polygonId: null, unitName: '乙区', matchedBy: 'normalized name' }]);
    expect(r.matchedPolygons.map((m) => [m.code, m.matchedBy])).toEqual([['990101', 'code'], ['990102', 'normalized name']]);
    expect(r.unmatchedPolygons.map((u) => u.polygonName)).toEqual(['未知区']);
    expect(r.repaired.find((x) => x.code === '990102')?.actions.join(' ')).toMatch(/removed 1 repeated points.*made valid/);
    expect(r.skippedRows.map((s) => s.reason)).toEqual(expect.arrayContaining([
      expect.stringContaining('feature 线: geometry LineString is not a polygon') as string,
      expect.stringContaining('code "12345" is not a 12-digit community code') as string,
      expect.stringContaining('parent 990199999 is not in the files') as string,
    ]));
    const city = await t.db.one<{ area: number }>(sql`SELECT area_m2 AS area FROM units WHERE code = '9901'`);
    expect(city?.area).toBeGreaterThan(1e8);

    // Provisional boundaries: nothing below the district without a polygon, and that is reported.
    const gen = await svc.generate(actor, { unit: '9901' });
    expect(gen.skipped).toEqual([{ code: '990103', name: '丙县', level: 'district', reason: 'no boundary: nothing generated below it', descendants: 2 }]);
    expect(gen.grid.total).toBeGreaterThan(5);
    const cov = await svc.coverage(actor, '990101');
    expect(cov.ok).toBe(true);
    const tree = await svc.coverageTree(actor, '9901');
    // The city (a district without boundary), that district and its township (children without boundaries).
    expect(tree.problems.map((p) => p.code)).toEqual(['9901', '990103', '990103200']);
    expect(tree.problems.every((p) => p.gapAreaM2 === 0 && p.overlapAreaM2 === 0)).toBe(true);
  });

  it('matches a polygon through the mapping file', async () => {
    const { dir, mapping } = writeSyntheticCity({ mapping: true });
    const r = await importDir(dir, { mapping: mapping! });
    expect(r.withoutPolygon).toEqual([]);
    expect(r.matchedPolygons.find((m) => m.code === '990103')).toMatchObject({ matchedBy: 'mapping', polygonName: '未知区' });
    expect(r.added).toEqual({ province: 0, city: 0, district: 0, street: 0, community: 0 });
  });
});

describe('the upload route', () => {
  it('imports uploaded files for a user whose unit.import covers the city, refuses one whose area is a district', async () => {
    await t.user('cityimport', 'district_safety_office', 'root');
    await t.user('distimport', 'district_safety_office', '630102');
    const { dir } = writeSyntheticCity({ city: '9902' });
    const files = ['cities.csv', 'areas.csv', 'streets.csv', 'villages.csv', 'districts.geojson'].map((n) => ({ field: 'files', name: n, content: readFileSync(path.join(dir, n), 'utf8') }));
    const body = multipartBody(files);
    const ok = await (await t.login('cityimport')).request('POST', '/api/units/import', body.payload, body.headers);
    expect(ok.statusCode).toBe(200);
    const rep = ok.json<ImportReport>();
    expect(rep.cities).toEqual([{ code: '9902', name: '测试市' }]);
    expect(rep.withoutPolygon.map((w) => w.code)).toEqual(['990203']);
    expect(rep.unmatchedPolygons.map((u) => u.polygonName)).toEqual(['未知区']);

    const denied = await (await t.login('distimport')).request('POST', '/api/units/import', body.payload, body.headers);
    expect(denied.statusCode).toBe(403);
    expect(denied.json<{ error: { code: string } }>().error.code).toBe('OUT_OF_SCOPE');

    const noCities = multipartBody(files.filter((f) => f.name !== 'cities.csv'));
    const bad = await (await t.login('cityimport')).request('POST', '/api/units/import', noCities.payload, noCities.headers);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { details: { fields: Array<{ field: string }> } } }>().error.details.fields[0]?.field).toBe('files');
  });
});
