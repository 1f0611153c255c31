import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/app.js';
import { sql } from '../../db/client.js';
import { readPhotoMeta } from '../files/image-meta.js';
import { sampleJpeg, upload, withExif } from '../../test/files.fixtures.js';
import {
  DESCRIPTION, GENEROUS, IN_GRID1, IN_GRID2, OUTSIDE, resident, seedReportsWorld, submit, submitWithPhotos,
} from './reports.fixtures.js';

let t: TestApp;
let ids: Record<string, string>;
let staff: Record<string, Client>;

type Status = { stage: string; publicState: string; rejectReason: string | null; timeline: Array<{ kind: string; text: { zh: string; en: string } }>; contact: unknown; supporters: number; reward: { state: string; amount: string | null } | null };

beforeAll(async () => {
  t = await createTestApp();
  ids = await seedReportsWorld(t);
  staff = {};
  for (const u of ['gw1', 'gw2', 'comm', 'dso', 'dso2', 'far', 'sys']) staff[u] = await t.login(u);
  const s = await staff.sys!.put('/api/reports/settings', GENEROUS);
  expect(s.statusCode).toBe(200);
});
afterAll(async () => t.close());

async function newReport(ip: string, over: Record<string, unknown> = {}) {
  const res = await submit(resident(t, ip), over);
  if (res.statusCode !== 201) throw new Error(`submit ${res.statusCode} ${res.body}`);
  return res.json<{ code: string; ref: string; display: string; unitName: string }>();
}
async function idOf(code: string): Promise<string> {
  const row = await t.db.one<{ id: string }>(sql`SELECT id::text AS id FROM public_reports WHERE code = ${code}`);
  if (!row) throw new Error('no report');
  return row.id;
}
const status = async (code: string) => (await t.anonymous().get(`/api/public/reports/${code}`)).json<Status>();

describe('the public portal', () => {
  it('tells the form its categories, questions, limits and area, and serves the map', async () => {
    const info = await t.anonymous().get('/api/public/portal');
    expect(info.statusCode).toBe(200);
    const body = info.json<{ categories: Array<{ code: string; name: { zh: string } }>; attributes: Array<{ code: string }>; bbox: number[]; duplicateRadiusM: number }>();
    expect(body.categories.find((c) => c.code === 'evacuation')?.name.zh).toBe('疏散通道与安全出口');
    expect(body.attributes.map((a) => a.code)).toContain('PLACE_TYPE');
    expect(body.bbox).toEqual([101, 36, 101.02, 36.01]);
    expect(body.duplicateRadiusM).toBe(200);
    const map = await t.anonymous().get('/api/public/map?level=grid');
    expect(map.statusCode).toBe(200);
    const fc = map.json<{ features: Array<{ properties: { code: string }; geometry: { type: string } }> }>();
    expect(fc.features.map((f) => f.properties.code)).toEqual(['630102001001001', '630102001001002']);
    expect(fc.features[0]?.geometry.type).toBe('MultiPolygon');
  });

  it('takes a report placed on the map and answers a tracking code; the status page shows it received', async () => {
    const res = await submit(resident(t, '10.1.0.1'), { contact: { name: '王小明', phone: '13812345678', email: 'wang@example.com' } });
    expect(res.statusCode).toBe(201);
    const r = res.json<{ code: string; display: string; unitName: string; ref: string }>();
    expect(r.code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(r.display).toBe(`${r.code.slice(0, 5)}-${r.code.slice(5)}`);
    expect(r.unitName).toBe('北关社区第1网格');

    const page = await t.anonymous().get(`/api/public/reports/${r.display.toLowerCase()}`);
    expect(page.statusCode).toBe(200);
    const s = page.json<Status & { contact: { name: string; phone: string; email: string } }>();
    expect(s.stage).toBe('received');
    expect(s.publicState).toBe('open');
    expect(s.timeline.map((e) => e.kind)).toEqual(['submitted']);
    expect(s.contact).toEqual({ name: '王**', phone: '138****5678', email: 'w***@example.com' });
    expect(page.body).not.toContain('13812345678');
    expect(page.body).not.toContain('王小明');
    expect(page.body).not.toContain('wang@example.com');

    // Stored only encrypted, with keyed hashes.
    const row = await t.db.one<Record<string, unknown>>(sql`SELECT * FROM public_reports WHERE code = ${r.code}`);
    const dump = JSON.stringify(row, (_k, v: unknown) => (v && typeof v === 'object' && 'type' in v && (v as { type: string }).type === 'Buffer' ? Buffer.from((v as unknown as { data: number[] }).data).toString('latin1') : v));
    expect(dump).not.toContain('13812345678');
    expect(dump).not.toContain('王小明');
    expect(dump).not.toContain('wang@example.com');
    expect(row?.contact_phone_enc).toBeInstanceOf(Buffer);
    const audit = await t.db.rows<{ summary: unknown }>(sql`SELECT summary FROM audit_log WHERE action = 'report.submit'`);
    expect(JSON.stringify(audit)).not.toContain('13812345678');

    // The grid's worker got the triage notice.
    const inbox = await t.db.rows<{ user_id: string }>(sql`SELECT user_id::text AS user_id FROM notifications WHERE kind = 'report.new' AND object_id = ${await idOf(r.code)}`);
    expect(inbox.map((n) => n.user_id)).toContain(ids.gw1);
    expect(inbox.map((n) => n.user_id)).not.toContain(ids.gw2);
  });

  it('refuses a point outside every grid with OUTSIDE_JURISDICTION and stores nothing', async () => {
    const before = await t.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM public_reports`);
    const res = await submit(resident(t, '10.1.0.2'), { lng: OUTSIDE.lng, lat: OUTSIDE.lat });
    expect(res.statusCode).toBe(404);
    expect(res.json<{ error: { code: string; message: string } }>().error.code).toBe('OUTSIDE_JURISDICTION');
    const after = await t.db.one<{ n: number }>(sql`SELECT count(*)::int AS n FROM public_reports`);
    expect(after?.n).toBe(before?.n);
  });

  it('requires the privacy notice to be accepted, a category it knows and a location', async () => {
    const c = resident(t, '10.1.0.3');
    const noAck = await submit(c, { privacyAck: false as unknown as true });
    expect(noAck.statusCode).toBe(400);
    expect(noAck.json<{ error: { details: { fields: Array<{ field: string }> } } }>().error.details.fields.map((f) => f.field)).toContain('body/privacyAck');
    const cat = await submit(c, { category: 'nope' });
    expect(cat.json<{ error: { details: { fields: Array<{ field: string }> } } }>().error.details.fields[0]?.field).toBe('body/category');
    const noWhere = await submit(c, { lng: undefined, lat: undefined });
    expect(noWhere.statusCode).toBe(400);
    expect(noWhere.json<{ error: { details: { fields: Array<{ field: string }> } } }>().error.details.fields[0]?.field).toBe('body/lng');
  });

  it('resolves a typed address inside the area by unit names, and says clearly when it cannot', async () => {
    const c = resident(t, '10.1.0.4');
    const geo = await c.get(`/api/public/geocode?q=${encodeURIComponent('北关社区第2网格 菜市场东门')}`);
    expect(geo.json<{ match: { unitName: string; path: string[] } }>().match.unitName).toBe('北关社区第2网格');
    const ok = await submit(c, { locationSource: 'address', lng: undefined, lat: undefined, address: '北关社区第2网格 菜市场东门旁的小饭馆' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json<{ unitName: string }>().unitName).toBe('北关社区第2网格');
    const row = await t.db.one<{ location_source: string; grid: string }>(sql`SELECT r.location_source, u.code AS grid FROM public_reports r JOIN units u ON u.id = r.grid_id WHERE r.code = ${ok.json<{ code: string }>().code}`);
    expect(row).toEqual({ location_source: 'address', grid: '630102001001002' });

    const bad = await submit(c, { locationSource: 'address', lng: undefined, lat: undefined, address: '上海市浦东新区世纪大道100号' });
    expect(bad.statusCode).toBe(400);
    const f = bad.json<{ error: { details: { fields: Array<{ field: string; code: string; message: string }> } } }>().error.details.fields[0];
    expect(f?.field).toBe('body/address');
    expect(f?.code).toBe('address_unresolved');
    expect(f?.message).toMatch(/could not be found/);
  });

  it('stores photos with their EXIF location removed, checks types by magic bytes and limits the count', async () => {
    const original = withExif(sampleJpeg(), { lat: 36.005, lng: 101.005, dateTimeOriginal: '2026:03:01 10:00:00', make: 'PhoneCo' });
    expect(readPhotoMeta(original, 'Asia/Shanghai').gps).not.toBeNull();
    const c = resident(t, '10.1.0.5');
    const res = await submitWithPhotos(c, { category: 'fire', description: DESCRIPTION, locationSource: 'gps', ...IN_GRID1, privacyAck: true }, [{ data: original }]);
    expect(res.statusCode).toBe(201);
    expect(res.json<{ photos: number }>().photos).toBe(1);
    const id = await idOf(res.json<{ code: string }>().code);

    const detail = await staff.gw1!.get(`/api/reports/${id}`);
    expect(detail.statusCode).toBe(200);
    const photo = detail.json<{ photoList: Array<{ id: string }> }>().photoList[0];
    expect(photo).toBeDefined();
    const bytes = await staff.gw1!.get(`/api/files/${photo!.id}/content`);
    expect(bytes.statusCode).toBe(200);
    const stored = bytes.rawPayload;
    expect(stored.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
    expect(readPhotoMeta(stored, 'Asia/Shanghai').gps).toBeNull();
    expect(stored.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
    expect(stored.includes(Buffer.from('PhoneCo', 'latin1'))).toBe(false);
    const frow = await t.db.one<{ gps: unknown; exif_stripped: boolean; original_name: string | null }>(sql`SELECT gps, exif_stripped, original_name FROM files WHERE id = ${photo!.id}::bigint`);
    expect(frow).toEqual({ gps: null, exif_stripped: true, original_name: null });
    // Another grid's worker cannot read it.
    expect((await staff.gw2!.get(`/api/files/${photo!.id}/content`)).statusCode).toBe(404);

    const notImage = await submitWithPhotos(c, { category: 'fire', description: DESCRIPTION, locationSource: 'gps', ...IN_GRID1, privacyAck: true }, [{ data: Buffer.from('MZ this is not a picture at all'), name: 'x.jpg' }]);
    expect(notImage.statusCode).toBe(415);
    expect(notImage.json<{ error: { code: string; details: { fields: Array<{ field: string }> } } }>().error.details.fields[0]?.field).toBe('body/photos/0');
    const four = await submitWithPhotos(c, { category: 'fire', description: DESCRIPTION, locationSource: 'gps', ...IN_GRID1, privacyAck: true }, [1, 2, 3, 4].map(() => ({ data: sampleJpeg() })));
    expect(four.statusCode).toBe(413);
    const big = await submitWithPhotos(c, { category: 'fire', description: DESCRIPTION, locationSource: 'gps', ...IN_GRID1, privacyAck: true }, [{ data: Buffer.concat([sampleJpeg(), Buffer.alloc(6 * 1024 * 1024)]) }]);
    expect(big.statusCode).toBe(413);
    expect(big.json<{ error: { code: string } }>().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('suggests open reports of the same category nearby and lets a resident add to one', async () => {
    const first = await newReport('10.1.1.1', { category: 'gas', lng: 101.0051, lat: 36.0051, description: '餐馆后厨一直有很重的燃气味，已经好几天了，联系人 13900001111' });
    const near = await t.anonymous().get(`/api/public/reports/nearby?category=gas&lng=${IN_GRID1.lng}&lat=${IN_GRID1.lat}`);
    expect(near.statusCode).toBe(200);
    const items = near.json<{ items: Array<{ ref: string; distanceM: number; excerpt: string; supporters: number }> }>().items;
    const hit = items.find((i) => i.ref === first.ref);
    expect(hit).toBeDefined();
    expect(hit!.distanceM).toBeLessThan(30);
    expect(hit!.excerpt).not.toContain('13900001111');
    expect(near.body).not.toContain(first.code);
    // Other categories and far points are not suggested.
    const other = await t.anonymous().get(`/api/public/reports/nearby?category=fire&lng=${IN_GRID1.lng}&lat=${IN_GRID1.lat}`);
    expect(other.json<{ items: Array<{ ref: string }> }>().items.map((i) => i.ref)).not.toContain(first.ref);
    const far = await t.anonymous().get(`/api/public/reports/nearby?category=gas&lng=${IN_GRID2.lng}&lat=${IN_GRID2.lat}`);
    expect(far.json<{ items: Array<{ ref: string }> }>().items.map((i) => i.ref)).not.toContain(first.ref);

    const me = await resident(t, '10.1.1.2').post(`/api/public/reports/${first.ref}/support`, { privacyAck: true, contact: { phone: '13700002222' } });
    expect(me.statusCode).toBe(201);
    const sup = me.json<{ code: string; supporters: number }>();
    expect(sup.supporters).toBe(1);
    const mine = await status(sup.code);
    expect(mine).toMatchObject({ stage: 'received', supporters: 1, contact: { name: null, phone: '137****2222', email: null } });
    expect((await status(first.code)).contact).toBeNull();
    expect((await status(first.code)).supporters).toBe(1);
    // Outside the duplicate period it is no longer suggested.
    t.clock.advance(31 * 86_400_000);
    const later = await t.anonymous().get(`/api/public/reports/nearby?category=gas&lng=${IN_GRID1.lng}&lat=${IN_GRID1.lat}`);
    expect(later.json<{ items: Array<{ ref: string }> }>().items.map((i) => i.ref)).not.toContain(first.ref);
    t.clock.advance(-31 * 86_400_000);
  });

  it('answers an unknown tracking code with 404', async () => {
    const res = await t.anonymous().get('/api/public/reports/ABCDE-FGHJK');
    expect(res.statusCode).toBe(404);
    expect((await t.anonymous().get('/api/public/reports/not-a-code')).statusCode).toBe(404);
  });
});

describe('triage', () => {
  it('shows the task to the grid\'s worker only, and the reporter follows the hazard to its closure', async () => {
    const r = await newReport('10.2.0.1', { category: 'e_bike', description: '一楼大厅每天晚上都有十几辆电动车在充电，电线乱拉。' });
    const id = await idOf(r.code);
    const mine = await staff.gw1!.get('/api/reports/triage');
    expect(mine.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)).toContain(id);
    const notMine = await staff.gw2!.get('/api/reports/triage');
    expect(notMine.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)).not.toContain(id);
    // It is in the grid worker's "my work", not in the other grid's.
    type Work = { items: Array<{ kind: string; id: string; link: { type: string; id: string } }> };
    const work1 = (await staff.gw1!.get('/api/my-work')).json<Work>().items.filter((i) => i.kind === 'report_triage');
    expect(work1).toContainEqual(expect.objectContaining({ id, link: { type: 'report', id } }));
    expect((await staff.gw2!.get('/api/my-work')).json<Work>().items.some((i) => i.kind === 'report_triage' && i.id === id)).toBe(false);
    expect((await staff.gw2!.get(`/api/reports/${id}`)).statusCode).toBe(404);
    expect((await staff.gw2!.post(`/api/reports/${id}/confirm`, {})).statusCode).toBe(404);

    const conf = await staff.gw1!.post(`/api/reports/${id}/confirm`, { note: '现场核实属实' });
    expect(conf.statusCode).toBe(200);
    const hazardId = conf.json<{ hazardId: string; state: string }>().hazardId;
    expect(conf.json<{ state: string }>().state).toBe('confirmed');
    const src = await t.db.rows<{ source: string; source_id: string }>(sql`SELECT source, source_id FROM hazard_sources WHERE hazard_id = ${hazardId}::bigint`);
    expect(src).toEqual([{ source: 'report', source_id: id }]);
    expect((await staff.gw1!.post(`/api/reports/${id}/confirm`, {})).statusCode).toBe(409);
    expect((await staff.gw1!.get('/api/my-work')).json<Work>().items.some((i) => i.kind === 'report_triage' && i.id === id)).toBe(false);
    expect((await status(r.code)).stage).toBe('rectifying');

    // The hazard goes through its workflow to closure.
    expect((await staff.comm!.post(`/api/hazards/${hazardId}/confirm`, {})).statusCode).toBe(200);
    expect((await staff.comm!.post(`/api/hazards/${hazardId}/issue`, {})).statusCode).toBe(200);
    const evidence = await upload(staff.gw1!, sampleJpeg('after'));
    expect((await staff.gw1!.post(`/api/hazards/${hazardId}/submit`, { evidence: [evidence] })).statusCode).toBe(200);
    expect((await staff.comm!.post(`/api/hazards/${hazardId}/accept`, {})).statusCode).toBe(200);
    const done = await status(r.code);
    expect(done.stage).toBe('closed');
    expect(done.publicState).toBe('closed');
    expect(done.timeline.map((e) => e.kind)).toContain('confirmed');
    expect(done.timeline.some((e) => e.text.zh.includes('验收'))).toBe(true);
  });

  it('rejects with a reason the reporter sees', async () => {
    const r = await newReport('10.2.0.2');
    const id = await idOf(r.code);
    const empty = await staff.gw1!.post(`/api/reports/${id}/reject`, {});
    expect(empty.statusCode).toBe(400);
    const res = await staff.gw1!.post(`/api/reports/${id}/reject`, { reason: '现场为正常停放区域，出口畅通', note: '已拍照留存' });
    expect(res.statusCode).toBe(200);
    const s = await status(r.code);
    expect(s.stage).toBe('rejected');
    expect(s.rejectReason).toBe('现场为正常停放区域，出口畅通');
    expect(JSON.stringify(s)).not.toContain('已拍照留存');
  });

  it('transfers to another unit with a reason: the task moves there', async () => {
    const r = await newReport('10.2.0.3');
    const id = await idOf(r.code);
    const noReason = await staff.gw1!.post(`/api/reports/${id}/transfer`, { unitCode: '630103001' });
    expect(noReason.statusCode).toBe(400);
    const res = await staff.gw1!.post(`/api/reports/${id}/transfer`, { unitCode: '630103001', reason: '属于城中区管辖的道路' });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ report: unknown }>().report).toBeNull();
    expect((await staff.gw1!.get('/api/reports/triage')).json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)).not.toContain(id);
    const there = await staff.far!.get('/api/reports/triage');
    expect(there.json<{ items: Array<{ id: string; gridOverride: boolean; unit: { code: string } }> }>().items.find((i) => i.id === id)).toMatchObject({ gridOverride: true, unit: { code: '630103001' } });
    const s = await status(r.code);
    expect(s.timeline.map((e) => e.text.zh)).toContain('已转交人民街街道处理');
    const audit = await t.db.one<{ summary: { reason: string } }>(sql`SELECT summary FROM audit_log WHERE action = 'report.transfer' AND object_id = ${id}`);
    expect(audit?.summary.reason).toBe('属于城中区管辖的道路');
  });

  it('makes a report transferred to another grid that grid\'s hazard', async () => {
    const r = await newReport('10.2.0.4');
    const id = await idOf(r.code);
    expect((await staff.gw1!.post(`/api/reports/${id}/transfer`, { unitCode: '630102001001002', reason: '实际位于第2网格的商铺' })).statusCode).toBe(200);
    expect((await staff.gw2!.get('/api/reports/triage')).json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)).toContain(id);
    const conf = await staff.gw2!.post(`/api/reports/${id}/confirm`, {});
    expect(conf.statusCode).toBe(200);
    const h = await t.db.one<{ grid: string; grid_override: boolean }>(sql`SELECT u.code AS grid, h.grid_override FROM hazards h JOIN units u ON u.id = h.grid_id WHERE h.id = ${conf.json<{ hazardId: string }>().hazardId}::bigint`);
    expect(h).toEqual({ grid: '630102001001002', grid_override: true });
  });
});

describe('duplicates and merge', () => {
  it('merges duplicates into one hazard and keeps both reports linked', async () => {
    const a = await newReport('10.3.0.1', { category: 'fire', description: '小区三号楼地下室堆放大量油漆桶和纸箱，没有灭火器。' });
    const b = await newReport('10.3.0.2', { category: 'fire', lng: 101.0052, lat: 36.0052, description: '三号楼地下室有人存放油漆和易燃物品，非常危险。' });
    const ia = await idOf(a.code);
    const ib = await idOf(b.code);
    const similar = await staff.comm!.get(`/api/reports/${ia}/similar`);
    expect(similar.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)).toContain(ib);
    expect((await staff.gw1!.post('/api/reports/merge', { targetId: ia, sourceIds: [ib] })).statusCode).toBe(403);
    const m = await staff.comm!.post('/api/reports/merge', { targetId: ia, sourceIds: [ib], note: '同一地下室' });
    expect(m.statusCode).toBe(200);
    expect(m.json<{ merged: string[] }>().merged).toEqual([ib]);
    expect((await status(b.code)).timeline.map((e) => e.kind)).toContain('merged');

    const conf = await staff.comm!.post(`/api/reports/${ia}/confirm`, {});
    expect(conf.statusCode).toBe(200);
    const hazardId = conf.json<{ hazardId: string }>().hazardId;
    const rows = await t.db.rows<{ id: string; state: string; hazard_id: string }>(sql`SELECT id::text AS id, state, hazard_id::text AS hazard_id FROM public_reports WHERE id IN (${ia}::bigint, ${ib}::bigint) ORDER BY public_reports.id`);
    expect(rows).toEqual([{ id: ia, state: 'confirmed', hazard_id: hazardId }, { id: ib, state: 'merged', hazard_id: hazardId }]);
    const src = await t.db.rows<{ source_id: string }>(sql`SELECT source_id FROM hazard_sources WHERE hazard_id = ${hazardId}::bigint AND source = 'report' ORDER BY source_id::bigint`);
    expect(src.map((s) => s.source_id)).toEqual([ia, ib]);
    expect((await status(b.code)).stage).toBe('rectifying');
    const detail = await staff.comm!.get(`/api/reports/${ib}`);
    expect(detail.json<{ linked: Array<{ id: string }> }>().linked.map((l) => l.id)).toEqual([ia]);
    // A later report is merged into the confirmed one: linked to the same hazard at once.
    const c = await newReport('10.3.0.3', { category: 'fire', description: '三号楼地下室的油漆桶还在，请尽快处理。' });
    const ic = await idOf(c.code);
    expect((await staff.comm!.post('/api/reports/merge', { targetId: ia, sourceIds: [ic] })).statusCode).toBe(200);
    const src2 = await t.db.rows<{ source_id: string }>(sql`SELECT source_id FROM hazard_sources WHERE hazard_id = ${hazardId}::bigint AND source = 'report'`);
    expect(src2.map((s) => s.source_id).sort()).toEqual([ia, ib, ic].sort());
    // Merging into a merged report is refused.
    const d = await newReport('10.3.0.4', { category: 'fire' });
    expect((await staff.comm!.post('/api/reports/merge', { targetId: ib, sourceIds: [await idOf(d.code)] })).statusCode).toBe(409);
  });
});

describe('rewards and the reporter\'s identity', () => {
  it('proposes a reward to the first valid reporter, moves it to an earlier one found by a merge, approves within the band and records the payout', async () => {
    const early = await newReport('10.4.0.1', { category: 'building', description: '老旧居民楼外墙大面积开裂，有砖块掉落的危险。', contact: { name: '李四', phone: '13600003333' } });
    t.clock.advance(60_000);
    const late = await newReport('10.4.0.2', { category: 'building', description: '居民楼外墙裂缝很大，楼下行人很危险。', contact: { phone: '13500004444' } });
    const anon = await newReport('10.4.0.3', { category: 'building', description: '外墙裂缝，掉砖头了，赶紧来看看。' });
    const iEarly = await idOf(early.code);
    const iLate = await idOf(late.code);
    const iAnon = await idOf(anon.code);

    // Confirm the later one first: it gets the proposal.
    expect((await staff.comm!.post(`/api/reports/${iLate}/confirm`, {})).statusCode).toBe(200);
    let list = (await staff.dso!.get('/api/rewards')).json<{ items: Array<{ id: string; report: { id: string }; state: string; reporter: { phone: string } | null; band: { min: string; max: string } }> }>().items;
    let w = list.find((x) => x.report.id === iLate);
    expect(w).toMatchObject({ state: 'proposed', reporter: { phone: '135****4444' }, band: { min: '50.00', max: '500.00' } });
    expect(JSON.stringify(list)).not.toContain('13500004444');
    // The anonymous one is not eligible; the earlier one with a contact takes the reward over.
    expect((await staff.comm!.post('/api/reports/merge', { targetId: iLate, sourceIds: [iEarly, iAnon] })).statusCode).toBe(200);
    list = (await staff.dso!.get('/api/rewards')).json<typeof list extends Array<infer X> ? { items: X[] } : never>().items;
    w = list.find((x) => x.report.id === iEarly);
    expect(w?.state).toBe('proposed');
    expect(list.some((x) => x.report.id === iLate || x.report.id === iAnon)).toBe(false);

    expect((await staff.comm!.get('/api/rewards')).statusCode).toBe(403);
    const tooMuch = await staff.dso!.post(`/api/rewards/${w!.id}/approve`, { amount: 800 });
    expect(tooMuch.statusCode).toBe(400);
    const ok = await staff.dso!.post(`/api/rewards/${w!.id}/approve`, { amount: 300, note: '核实属实' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ state: string; amount: string }>()).toMatchObject({ state: 'approved', amount: '300.00' });
    const selfPay = await staff.dso!.post(`/api/rewards/${w!.id}/pay`, { method: 'bank_transfer', reference: 'TX-001' });
    expect(selfPay.statusCode).toBe(409);
    expect(selfPay.json<{ error: { code: string } }>().error.code).toBe('SEPARATION_OF_DUTIES');
    const paid = await staff.dso2!.post(`/api/rewards/${w!.id}/pay`, { method: 'bank_transfer', reference: 'TX-001' });
    expect(paid.statusCode).toBe(200);
    expect(paid.json<{ state: string; payoutReference: string }>()).toMatchObject({ state: 'paid', payoutReference: 'TX-001' });
    const s = await status(early.code);
    expect(s.reward).toEqual({ state: 'paid', amount: '300.00' });
    expect(s.timeline.map((e) => e.kind)).toContain('reward');
    expect((await status(late.code)).reward).toBeNull();
  });

  it('shows who reported only with report.reporter, and audits it', async () => {
    const r = await newReport('10.5.0.1', { contact: { name: '赵六', phone: '13311112222' } });
    const id = await idOf(r.code);
    const masked = await staff.gw1!.get(`/api/reports/${id}`);
    expect(masked.json<{ contact: unknown; can: { reporter: boolean } }>()).toMatchObject({ contact: { name: '赵*', phone: '133****2222' }, can: { reporter: false } });
    expect(masked.body).not.toContain('13311112222');
    expect((await staff.gw1!.post(`/api/reports/${id}/reporter`)).statusCode).toBe(403);
    expect((await staff.far!.post(`/api/reports/${id}/reporter`)).statusCode).toBe(404);
    const clear = await staff.dso!.post(`/api/reports/${id}/reporter`);
    expect(clear.statusCode).toBe(200);
    expect(clear.json<{ reporter: { name: string; phone: string } }>().reporter).toMatchObject({ name: '赵六', phone: '13311112222' });
    const audit = await t.db.rows<{ actor_name: string }>(sql`SELECT actor_name FROM audit_log WHERE action = 'report.reporter.unmask' AND object_id = ${id}`);
    expect(audit).toEqual([{ actor_name: 'dso' }]);
  });

  it('keeps staff lists to the actor\'s area and pages them', async () => {
    const page1 = await staff.dso!.get('/api/reports?limit=2');
    expect(page1.statusCode).toBe(200);
    const p1 = page1.json<{ items: Array<{ id: string }>; nextCursor: string }>();
    expect(p1.items).toHaveLength(2);
    const p2 = (await staff.dso!.get(`/api/reports?limit=2&cursor=${p1.nextCursor}`)).json<{ items: Array<{ id: string }> }>();
    expect(Number(p2.items[0]!.id)).toBeLessThan(Number(p1.items[1]!.id));
    const far = (await staff.far!.get('/api/reports')).json<{ items: Array<{ unit: { code: string } }> }>();
    expect(far.items.every((i) => i.unit.code.startsWith('630103'))).toBe(true);
    expect((await t.anonymous().get('/api/reports')).statusCode).toBe(401);
  });
});

describe('the public surface', () => {
  it('reaches only the portal and Open311 without a login: every staff route of these modules answers 401', async () => {
    const routes: Array<{ method: string; path: string }> = [];
    // printRoutes nests longer paths under shorter ones: rebuild each full path from the indentation.
    const stack: string[] = [];
    for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
      const m = /^(.*?)[├└]── (\S+)(?: \(([^)]+)\))?$/.exec(line);
      if (!m || m[1] === undefined || !m[2]) continue;
      const depth = m[1].length / 4;
      stack.length = depth;
      const path = (stack[depth - 1] ?? '') + m[2];
      stack[depth] = path;
      for (const method of (m[3] ?? '').split(',').map((x) => x.trim())) if (method && method !== 'HEAD' && method !== 'OPTIONS') routes.push({ method, path });
    }
    const mine = routes.filter((r) => /^\/(api\/(public|reports|rewards|open311)|open311)\b/.test(r.path));
    expect(mine.length).toBeGreaterThan(30);
    const anonymous: string[] = [];
    for (const r of mine) {
      const url = r.path.replace(/:code/g, 'ABCDEFGHJK').replace(/:ref/g, '0123456789ab').replace(/:[a-z_]+/g, '1');
      const res = await t.app.inject({ method: r.method as 'GET', url, remoteAddress: '10.99.0.1', ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }) });
      if (res.statusCode !== 401) anonymous.push(`${r.method} ${r.path}`);
    }
    expect(anonymous.length).toBeGreaterThan(10);
    for (const a of anonymous) expect(a).toMatch(/^(GET|POST) \/(api\/public|open311\/v2)\//);
  });
});
