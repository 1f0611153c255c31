import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/app.js';
import { sql } from '../../db/client.js';
import { readXlsx } from '../../core/xlsx.js';
import { GRID_1, GRID_2, IN_GRID_1, IN_GRID_2, IN_GRID_3, OUTSIDE, seedRegistryUnits } from '../registries/registries.factories.js';

let t: TestApp;
let district: Client;
let worker: Client;
let community: Client;

interface PlaceJson {
  id: string;
  name: string;
  kind: string;
  grade: string | null;
  grid: { code: string } | null;
  gridOverride: boolean;
  gridOverrideReason: string | null;
  operatorPhone: string | null;
  location: { lng: number; lat: number } | null;
  kindSuggestion: { kinds: Array<{ kind: string; placeKind: string | null }>; working: Array<{ zh: string; en: string }> } | null;
  abilities: Record<string, boolean>;
}

beforeAll(async () => {
  t = await createTestApp();
  await seedRegistryUnits(t.db);
  await t.user('dist', 'district_safety_office', '630102');
  await t.user('dist2', 'district_safety_office', '630103');
  await t.user('gw1', 'grid_worker', GRID_1);
  await t.user('comm', 'community_official', '630102001001');
  district = await t.login('dist');
  worker = await t.login('gw1');
  community = await t.login('comm');
});
afterAll(async () => t.close());

/** Moves the clock and logs in again (sessions end after 30 idle minutes). */
async function at(iso: string) {
  t.clock.set(iso);
  district = await t.login('dist');
  community = await t.login('comm');
  worker = await t.login('gw1');
}

async function createPlace(c: Client, body: Record<string, unknown>) {
  const res = await c.post('/api/places', { name: '老王小吃店', kind: 'small_catering', location: IN_GRID_1, ...body });
  return res;
}

describe('placing places in grids', () => {
  it('puts a place in the grid its coordinates fall in, and moving it moves its grid', async () => {
    const res = await createPlace(district, { operatorPhone: '13812345678', use: 'restaurant', seats: 80 });
    expect(res.statusCode).toBe(201);
    const p = res.json<PlaceJson>();
    expect(p.grid?.code).toBe(GRID_1);
    expect(p.gridOverride).toBe(false);
    expect(p.location).toEqual(IN_GRID_1);
    expect(p.operatorPhone).toBe('138****5678');
    expect(p.kindSuggestion?.kinds.map((k) => k.placeKind)).toEqual(['small_catering']);
    expect(p.kindSuggestion?.working.some((w) => w.zh.includes('额定就餐人数 80'))).toBe(true);

    const moved = await district.patch(`/api/places/${p.id}`, { location: IN_GRID_2 });
    expect(moved.statusCode).toBe(200);
    expect(moved.json<PlaceJson>().grid?.code).toBe(GRID_2);
    const row = await t.db.one<{ unit_path: string }>(sql`SELECT unit_path::text AS unit_path FROM places WHERE id = ${p.id}::bigint`);
    expect(row?.unit_path.endsWith(GRID_2)).toBe(true);

    const hist = await district.get(`/api/places/${p.id}/history`);
    const actions = hist.json<{ items: Array<{ action: string; summary: Record<string, unknown> }> }>().items;
    expect(actions.map((a) => a.action)).toEqual(['place.update', 'place.create']);
    expect(actions[0]?.summary.grid).toEqual([GRID_1, GRID_2]);
  });

  it('refuses a location outside every grid, and a grid override without a reason', async () => {
    const out = await createPlace(district, { location: OUTSIDE });
    expect(out.statusCode).toBe(404);
    const err = out.json<{ error: { code: string; details: { fields: Array<{ field: string }> } } }>().error;
    expect(err.code).toBe('OUTSIDE_JURISDICTION');
    expect(err.details.fields[0]?.field).toBe('body/location');

    const noReason = await createPlace(district, { gridCode: GRID_2 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<{ error: { details: { fields: Array<{ field: string }> } } }>().error.details.fields[0]?.field).toBe('body/gridOverrideReason');

    const ok = await createPlace(district, { name: '边界上的店', gridCode: GRID_2, gridOverrideReason: '门牌属第2网格管理' });
    expect(ok.statusCode).toBe(201);
    const p = ok.json<PlaceJson>();
    expect(p.grid?.code).toBe(GRID_2);
    expect(p.gridOverride).toBe(true);
    expect(p.gridOverrideReason).toBe('门牌属第2网格管理');
    const audit = await t.db.one<{ summary: { gridOverride?: { reason: string } } }>(sql`SELECT summary FROM audit_log WHERE action = 'place.create' AND object_id = ${p.id}`);
    expect(audit?.summary.gridOverride?.reason).toBe('门牌属第2网格管理');
  });

  it('keeps an actor to their subtree: writing outside is refused, reading outside is not found', async () => {
    const outside = await createPlace(worker, { location: IN_GRID_2 });
    expect(outside.statusCode).toBe(403);
    expect(outside.json<{ error: { code: string } }>().error.code).toBe('OUT_OF_SCOPE');
    const d2 = await t.login('dist2');
    const far = await createPlace(d2, { name: '城中区的店', location: IN_GRID_3 });
    expect(far.statusCode).toBe(201);
    const farId = far.json<PlaceJson>().id;
    expect((await worker.get(`/api/places/${farId}`)).statusCode).toBe(404);
    expect((await district.get(`/api/places/${farId}`)).statusCode).toBe(404);
    const list = await district.get('/api/places?limit=200');
    const names = list.json<{ items: PlaceJson[] }>().items.map((p) => p.name);
    expect(names).not.toContain('城中区的店');
    expect(names).toContain('老王小吃店');
    const mine = await worker.get('/api/places?limit=200');
    expect(mine.json<{ items: PlaceJson[] }>().items.every((p) => p.grid?.code === GRID_1)).toBe(true);
  });

  it('filters by unit, kind, grade and risk, pages by cursor, and validates filter values', async () => {
    for (let i = 0; i < 5; i++) await createPlace(district, { name: `出租屋${i}`, kind: 'rental_housing' });
    const first = await district.get('/api/places?kind=rental_housing&limit=2');
    const body = first.json<{ items: PlaceJson[]; nextCursor: string | null }>();
    expect(body.items).toHaveLength(2);
    const seen = [...body.items];
    let cursor = body.nextCursor;
    while (cursor) {
      const next = await district.get(`/api/places?kind=rental_housing&limit=2&cursor=${encodeURIComponent(cursor)}`);
      const nb = next.json<{ items: PlaceJson[]; nextCursor: string | null }>();
      seen.push(...nb.items);
      cursor = nb.nextCursor;
    }
    expect(seen.map((p) => p.name).sort()).toEqual(['出租屋0', '出租屋1', '出租屋2', '出租屋3', '出租屋4']);
    expect((await district.get(`/api/places?unit=${GRID_2}&kind=rental_housing`)).json<{ items: unknown[] }>().items).toHaveLength(0);
    expect((await district.get('/api/places?grade=none&kind=rental_housing')).json<{ items: unknown[] }>().items).toHaveLength(5);
    expect((await district.get('/api/places?risk=red')).json<{ items: unknown[] }>().items).toHaveLength(0);
    const bad = await district.get('/api/places?kind=castle');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { details: { fields: Array<{ field: string }> } } }>().error.details.fields[0]?.field).toBe('query/kind');
    expect((await district.get('/api/places?unit=nowhere')).statusCode).toBe(400);
  });

  it('stores phones only encrypted and masks them in list, detail, map and export', async () => {
    const res = await createPlace(district, { name: '电话测试店', operatorPhone: '139-8765-4321', responsiblePhone: '0971-8123456' });
    const p = res.json<PlaceJson & { responsiblePhone: string }>();
    expect(p.operatorPhone).toBe('139****4321');
    expect(p.responsiblePhone).toBe('****-***3456');
    const raw = await t.db.rows<Record<string, unknown>>(sql`SELECT * FROM places WHERE id = ${p.id}::bigint`);
    const dump = JSON.stringify(raw, (_k, v: unknown) => (v && typeof v === 'object' && 'type' in v && (v as { type: string }).type === 'Buffer' ? Buffer.from((v as unknown as { data: number[] }).data).toString('latin1') : v));
    expect(dump).not.toContain('13987654321');
    expect(dump).not.toContain('139-8765-4321');
    expect(dump).not.toContain('8123456');
    const list = await district.get('/api/places?q=电话测试');
    expect(list.body).not.toContain('13987654321');
    const exp = await district.get('/api/places/export?q=电话测试');
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['content-type']).toContain('spreadsheetml');
    const sheet = readXlsx(exp.rawPayload);
    const header = sheet.rows[0]?.cells ?? [];
    const row = sheet.rows[1]?.cells ?? [];
    expect(row[header.indexOf('名称')]).toBe('电话测试店');
    expect(row[header.indexOf('经营者电话')]).toBe('139****4321');
    expect(JSON.stringify(sheet.rows)).not.toContain('13987654321');
  });

  it('serves the map layer as GeoJSON with grade and risk colour', async () => {
    const m = await district.get(`/api/places/map?unit=${GRID_1}`);
    expect(m.statusCode).toBe(200);
    const fc = m.json<{ type: string; features: Array<{ geometry: { coordinates: number[] }; properties: { name: string } }> }>();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(0);
    expect(fc.features.every((f) => f.geometry.coordinates[0] === IN_GRID_1.lng)).toBe(true);
  });
});

describe('the place form: what is left empty stays absent', () => {
  it('saves a place with only the required fields, sending empty numbers and texts as null, and keeps them null', async () => {
    const res = await createPlace(district, {
      name: '只填必填项的店', kind: 'small_shopping', use: null, address: null, areaM2: null, floors: null, floor: null, topFloor: null,
      beds: null, seats: null, persons: null, staff: null, dormStaff: null, boarding: null, operatorName: null, responsibleName: null, enterpriseId: null,
    });
    expect(res.statusCode).toBe(201);
    const p = res.json<PlaceJson & { floor: number | null; topFloor: number | null; floors: number | null; areaM2: number | null; use: string | null; boarding: boolean | null }>();
    expect([p.floor, p.topFloor, p.floors, p.areaM2, p.use, p.boarding]).toEqual([null, null, null, null, null, null]);
    const row = await t.db.one<{ floor: number | null; top_floor: number | null; use: string | null }>(sql`SELECT floor, top_floor, use FROM places WHERE id = ${p.id}::bigint`);
    expect(row).toEqual({ floor: null, top_floor: null, use: null });

    // Clearing a number on edit stores null, not 0; a real 0 is still refused for a floor.
    const set = await district.patch(`/api/places/${p.id}`, { floor: 2, topFloor: 3 });
    expect(set.statusCode).toBe(200);
    const cleared = await district.patch(`/api/places/${p.id}`, { floor: null, topFloor: null });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json<{ floor: number | null; topFloor: number | null }>()).toMatchObject({ floor: null, topFloor: null });
    const zero = await district.patch(`/api/places/${p.id}`, { floor: 0 });
    expect(zero.statusCode).toBe(400);
    expect(JSON.stringify(zero.json())).toContain('floor');
  });

  it('answers the nine-small-place suggestion for what the form sends, the number of storeys included', async () => {
    const res = await district.post('/api/calculators/small-place-kind', { use: 'restaurant', seats: 80, floors: 3, floor: 1, topFloor: 2 });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ matches: Array<{ placeKind: string | null }> }>().matches.map((m) => m.placeKind)).toContain('small_catering');
  });
});

describe('A/B/C/D grading', () => {
  const good = { openMajorHazards: 0, failedChecklistItems: 0, threeInOne: 'none', fireFacilities: 'complete', escapeRoutes: 'clear', training: 'all' };
  const bad = { openMajorHazards: 1, failedChecklistItems: 0, threeInOne: 'none', fireFacilities: 'complete', escapeRoutes: 'clear', training: 'all' };
  const fair = { openMajorHazards: 0, failedChecklistItems: 2, threeInOne: 'separated', fireFacilities: 'partial', escapeRoutes: 'partly_blocked', training: 'partial' };

  it('grades by the rubric, keeps each change with date, version, scores and reason, and counts transitions', async () => {
    await at('2026-03-02T02:00:00Z');
    const p = (await createPlace(district, { name: '待定级小店', kind: 'small_shopping' })).json<PlaceJson>();
    const g1 = await community.post(`/api/places/${p.id}/grade`, { inputs: bad, reason: '首次定级' });
    expect(g1.statusCode).toBe(201);
    const r1 = g1.json<{ record: { gradeTo: string; gradeFrom: string | null; total: number; rubric: { version: string }; gradedOn: string }; working: Array<{ zh: string }> }>();
    expect(r1.record.gradeTo).toBe('D');
    expect(r1.record.gradeFrom).toBeNull();
    expect(r1.record.rubric.version).toBe('local-default-1');
    expect(r1.record.gradedOn).toBe('2026-03-02');
    expect(r1.working.some((w) => w.zh.includes('等级降为D级'))).toBe(true);

    await at('2026-03-20T02:00:00Z');
    const g2 = await community.post(`/api/places/${p.id}/grade`, { inputs: fair, reason: '整改后复查' });
    const r2 = g2.json<{ record: { gradeTo: string; gradeFrom: string; total: number } }>();
    expect(r2.record.gradeFrom).toBe('D');
    expect(r2.record.gradeTo).toBe('C');
    expect(r2.record.total).toBe(71);

    const q = await createPlace(district, { name: '一直是D的店', kind: 'three_in_one' });
    const qid = q.json<PlaceJson>().id;
    await at('2026-02-01T02:00:00Z');
    await community.post(`/api/places/${qid}/grade`, { inputs: bad, reason: '首次定级' });
    await at('2026-04-01T02:00:00Z');

    const hist = await community.get(`/api/places/${p.id}/grades`);
    const items = hist.json<{ items: Array<{ gradeTo: string; reason: string; scores: Array<{ id: string; points: number }> }> }>().items;
    expect(items.map((i) => i.gradeTo)).toEqual(['C', 'D']);
    expect(items[0]?.scores.find((s) => s.id === 'escapeRoutes')?.points).toBe(4);

    const stats = await district.get('/api/places/grading/stats?from=2026-03-01&to=2026-03-31&unit=630102');
    expect(stats.statusCode).toBe(200);
    const s = stats.json<{ atStart: Record<string, number>; atEnd: Record<string, number>; transitions: Array<{ from: string | null; to: string; count: number }>; remainingD: Array<{ name: string; dSince: string; daysInD: number }>; byUnit: Array<{ code: string; atEnd: Record<string, number> }> }>();
    expect(s.transitions).toEqual([{ from: null, to: 'C', count: 1 }]);
    expect(s.atEnd.D).toBe(1);
    expect(s.atEnd.C).toBe(1);
    expect(s.atStart.D).toBe(1);
    expect(s.remainingD).toEqual([expect.objectContaining({ name: '一直是D的店', dSince: '2026-02-01', daysInD: 58 })]);
    expect(s.byUnit.find((u) => u.code === '630102001')?.atEnd.C).toBe(1);

    const feb = await district.get('/api/places/grading/stats?from=2026-03-01&to=2026-03-10&unit=630102');
    expect(feb.json<{ transitions: unknown[] }>().transitions).toEqual([{ from: null, to: 'D', count: 1 }]);
    const may = await district.get('/api/places/grading/stats?from=2026-03-15&to=2026-03-31&unit=630102');
    expect(may.json<{ transitions: unknown[] }>().transitions).toEqual([{ from: 'D', to: 'C', count: 1 }]);

    const list = await district.get('/api/places?grade=D');
    expect(list.json<{ items: PlaceJson[] }>().items.map((x) => x.name)).toEqual(['一直是D的店']);
  });

  it('counts places graded without a grading record by their current grade, and lists only the units below the actor', async () => {
    await at('2026-05-10T02:00:00Z');
    await t.user('dist3', 'district_safety_office', '630103');
    const other = await t.login('dist3');
    const p = (await createPlace(other, { name: '导入时已定级的店', kind: 'small_catering', location: IN_GRID_3 })).json<PlaceJson>();
    const q = (await createPlace(district, { name: '导入时D级的店', kind: 'small_shopping', location: IN_GRID_1 })).json<PlaceJson>();
    // An import or a migration sets the grade on the place itself, with no row in the grading history.
    await t.db.rows(sql`UPDATE places SET grade = 'B', graded_on = '2026-04-01' WHERE id = ${p.id}::bigint`);
    await t.db.rows(sql`UPDATE places SET grade = 'D', graded_on = '2026-05-02' WHERE id = ${q.id}::bigint`);
    const s = (await other.get('/api/places/grading/stats?from=2026-05-01&to=2026-05-31')).json<{ atStart: Record<string, number>; atEnd: Record<string, number>; byUnit: Array<{ code: string; name: string; atEnd: Record<string, number> }> }>();
    expect(s.atStart.B).toBe(1);
    expect(s.atEnd.B).toBe(1);
    expect(s.byUnit.map((u) => u.code)).toEqual(['630103001']);
    expect(s.byUnit[0]?.atEnd.B).toBe(1);

    const d = (await district.get('/api/places/grading/stats?from=2026-05-01&to=2026-05-31')).json<{ atStart: Record<string, number>; atEnd: Record<string, number>; byUnit: Array<{ code: string }>; remainingD: Array<{ name: string; dSince: string }> }>();
    expect(d.byUnit.map((u) => u.code)).toEqual(['630102001']);
    expect(d.byUnit.some((u) => u.code === '6301')).toBe(false);
    expect(d.atEnd.D).toBeGreaterThanOrEqual(1);
    expect(d.remainingD).toContainEqual(expect.objectContaining({ name: '导入时D级的店', dSince: '2026-05-02' }));
    // Asking for the city explicitly does not list the other district either.
    const city = (await district.get('/api/places/grading/stats?from=2026-05-01&to=2026-05-31&unit=6301')).json<{ byUnit: Array<{ code: string }> }>();
    expect(city.byUnit.map((u) => u.code)).not.toContain('630103');
  });

  it('raises a follow-up inspection task for the grid worker of the place\'s grid when a place is graded D, once', async () => {
    await at('2026-06-01T02:00:00Z');
    const gw = await t.db.one<{ id: string }>(sql`SELECT id FROM users WHERE username = 'gw1'`);
    await t.db.rows(sql`INSERT INTO grid_workers (grid_id, user_id) SELECT u.id, ${gw?.id ?? '0'}::bigint FROM units u WHERE u.code = ${GRID_1}
      AND NOT EXISTS (SELECT 1 FROM grid_workers x WHERE x.grid_id = u.id AND x.ended_at IS NULL)`);
    const p = (await createPlace(district, { name: '要复查的小店', kind: 'small_shopping' })).json<PlaceJson>();
    expect((await community.post(`/api/places/${p.id}/grade`, { inputs: bad, reason: '存在重大隐患' })).statusCode).toBe(201);
    const tasks = await t.db.rows<{ kind: string; assignee_id: string | null; due_date: string; status: string }>(sql`SELECT kind, assignee_id, due_date::text AS due_date, status
      FROM inspection_tasks WHERE place_id = ${p.id}::bigint`);
    expect(tasks).toEqual([{ kind: 'follow_up', assignee_id: gw?.id, due_date: '2026-06-08', status: 'open' }]);
    const work = (await worker.get('/api/my-work')).json<{ items: Array<{ kind: string; title: string; dueDate: string }> }>();
    expect(work.items).toContainEqual(expect.objectContaining({ kind: 'inspection_task', dueDate: '2026-06-08', title: expect.stringContaining('要复查的小店') as unknown as string }));
    // Graded D again while the follow-up is open: no second task.
    await community.post(`/api/places/${p.id}/grade`, { inputs: bad, reason: '仍有重大隐患' });
    expect((await t.db.rows(sql`SELECT id FROM inspection_tasks WHERE place_id = ${p.id}::bigint`)).length).toBe(1);
    // A C grade raises none.
    const q = (await createPlace(district, { name: '一般小店', kind: 'small_shopping' })).json<PlaceJson>();
    await community.post(`/api/places/${q.id}/grade`, { inputs: fair, reason: '例行定级' });
    expect((await t.db.rows(sql`SELECT id FROM inspection_tasks WHERE place_id = ${q.id}::bigint`)).length).toBe(0);
  });

  it('refuses to grade places that are not small places, and a grade without a reason', async () => {
    const p = (await createPlace(district, { name: '高层', kind: 'high_rise' })).json<PlaceJson>();
    const res = await community.post(`/api/places/${p.id}/grade`, { inputs: good, reason: '试试' });
    expect(res.statusCode).toBe(422);
    const s = (await createPlace(district, { name: '小店2', kind: 'small_shopping' })).json<PlaceJson>();
    const noReason = await community.post(`/api/places/${s.id}/grade`, { inputs: good });
    expect(noReason.statusCode).toBe(400);
    const missing = await community.post(`/api/places/${s.id}/grade`, { inputs: { openMajorHazards: 0 }, reason: '缺项' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ error: { details: { fields: Array<{ field: string }> } } }>().error.details.fields.map((f) => f.field)).toContain('body/inputs/threeInOne');
    expect((await worker.post(`/api/places/${s.id}/grade`, { inputs: good, reason: '网格员无权' })).statusCode).toBe(403);
  });

  it('lets place.grade holders at district level edit the rubric; grades then record the new version', async () => {
    const cur = await community.get('/api/rule-sets/place-grading');
    const rubric = cur.json<{ data: { bands: Array<{ grade: string; interval: { min: number } }> }; canEdit: boolean }>();
    expect(rubric.canEdit).toBe(false);
    const edited = { ...rubric.data, bands: rubric.data.bands.map((b) => (b.grade === 'B' ? { ...b, interval: { ...b.interval, min: 60 } } : b.grade === 'C' ? { ...b, interval: { ...b.interval, min: 40, max: 60 } } : b.grade === 'D' ? { ...b, interval: { ...b.interval, max: 40 } } : b)) };
    expect((await community.put('/api/rule-sets/place-grading', { data: edited, note: '本地规定' })).statusCode).toBe(403);
    const broken = await district.put('/api/rule-sets/place-grading', { data: { ...edited, bands: edited.bands.filter((b) => b.grade !== 'D') }, note: '缺D' });
    expect(broken.statusCode).toBe(400);
    const ok = await district.put('/api/rule-sets/place-grading', { data: edited, note: '区安委办2026年1号文' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ version: string }>().version).toBe('local-default-1+local.1');
    const s = (await createPlace(district, { name: '新规则店', kind: 'small_leisure' })).json<PlaceJson>();
    const g = await community.post(`/api/places/${s.id}/grade`, { inputs: fair, reason: '按新规则' });
    const rec = g.json<{ record: { gradeTo: string; rubric: { version: string } } }>().record;
    expect(rec.rubric.version).toBe('local-default-1+local.1');
    expect(rec.gradeTo).toBe('B');
  });
});
