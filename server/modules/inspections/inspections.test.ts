import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/app.js';
import { sql } from '../../db/client.js';
import type { HazardDetail } from '../../../common/modules/hazards/hazards.contract.js';
import type { InspectionView, SpotCheckView, TaskView } from '../../../common/modules/inspections/inspections.contract.js';
import type { TemplateView } from '../../../common/modules/checklists/checklists.contract.js';
import { sampleJpeg, signaturePng, upload, withExif } from '../../test/files.fixtures.js';
import { pdfFonts, pdfText, renderPage } from '../../test/pdf-tools.js';
import { assignGridWorker, IN_GRID1, IN_GRID2, seedEnterprise, seedGeoTree, seedPlace } from '../hazards/hazards.fixtures.js';

let t: TestApp;
let dataDir: string;
const ids: Record<string, string> = {};
const err = (res: { json: <T>() => T }) => res.json<{ error: { code: string; details?: { fields?: Array<{ field: string }> } } }>().error;
const sigB64 = (seed: number) => `data:image/png;base64,${signaturePng(seed).toString('base64')}`;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'sg-insp-'));
  t = await createTestApp({ config: { dataDir } });
  await seedGeoTree(t.db);
  ids.enterprise = await seedEnterprise(t.db, { name: '东关小餐馆', at: IN_GRID1, industry: 'H62' });
  ids.placeD = await seedPlace(t.db, { name: '东关小餐馆', kind: 'small_catering', at: { lng: 101.0052, lat: 36.0051 }, grade: 'D', enterpriseId: ids.enterprise });
  ids.placeA = await seedPlace(t.db, { name: '北关书店', kind: 'small_shopping', at: { lng: 101.003, lat: 36.003 }, grade: 'A', riskLevel: 4 });
  ids.placeRed = await seedPlace(t.db, { name: '北关网吧', kind: 'small_entertainment', at: { lng: 101.007, lat: 36.007 }, grade: 'A', riskLevel: 1 });
  ids.place2 = await seedPlace(t.db, { name: '二网格旅馆', kind: 'small_lodging', at: IN_GRID2, grade: 'C' });
  ids.gw1 = await t.user('gw1', 'grid_worker', '630102001001001');
  ids.gw2 = await t.user('gw2', 'grid_worker', '630102001001002');
  ids.comm = await t.user('comm', 'community_official', '630102001001');
  ids.dist = await t.user('dist', 'district_safety_office', '630102');
  ids.ent = await t.user('ent', 'enterprise_user', '630102001001001', { enterpriseId: ids.enterprise });
  await assignGridWorker(t.db, '630102001001001', ids.gw1);
  await assignGridWorker(t.db, '630102001001002', ids.gw2);
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function answerAll(c: Client, insp: InspectionView, fail: Record<string, { comment?: string; photoIds?: string[]; numberValue?: number }>) {
  const answers = await Promise.all(insp.items.map(async (it) => {
    const f = fail[it.key];
    if (it.answerType === 'number') return { itemId: it.id, numberValue: f?.numberValue ?? 4, ...(f?.comment ? { comment: f.comment } : {}) };
    if (it.answerType === 'text') return { itemId: it.id, textValue: '无' };
    if (it.answerType === 'photo') return { itemId: it.id, result: f ? 'fail' : 'pass', photoIds: f?.photoIds ?? [await upload(c, sampleJpeg('before'))] };
    return { itemId: it.id, result: f ? 'fail' : 'pass', ...(f?.comment ? { comment: f.comment } : {}), ...(f?.photoIds ? { photoIds: f.photoIds } : {}) };
  }));
  return c.put(`/api/inspections/${insp.id}/answers`, { answers });
}

async function signAll(c: Client, id: string) {
  for (const [role, name, seed] of [['leader', '王组长', 1], ['inspector', '李网格', 2], ['premises', '赵老板', 3]] as const) {
    const r = await c.put(`/api/inspections/${id}/signatures/${role}`, { signerName: name, png: sigB64(seed) });
    expect(r.statusCode).toBe(200);
  }
}

describe('checklist templates', () => {
  it('ships the real templates with legal bases, and an edit makes a new version while the old stays', async () => {
    const dist = await t.login('dist');
    const list = (await dist.get('/api/checklists')).json<{ items: Array<{ code: string; id: string; version: number; itemCount: number }> }>().items;
    expect(list.map((x) => x.code).sort()).toEqual(['community.quarterly', 'crowded.public-places', 'enterprise.self-inspection', 'fire.small-places', 'fire.three-in-one']);
    const small = list.find((x) => x.code === 'fire.small-places');
    const tpl = (await dist.get(`/api/checklists/${small?.id}`)).json<TemplateView>();
    expect(tpl.items.find((i) => i.key === 'F01')?.legalBasis).toBe('《中华人民共和国消防法》第二十八条');
    expect(tpl.items.find((i) => i.key === 'F01')?.onFail).toEqual({ category: 'evacuation', grade: 'general', days: 0 });
    expect(tpl.items.find((i) => i.key === 'F04')?.number).toEqual({ min: 2, max: null, unit: '具' });
    const quarterly = (await dist.get(`/api/checklists/${list.find((x) => x.code === 'community.quarterly')?.id}`)).json<TemplateView>();
    expect([...new Set(quarterly.items.map((i) => i.section.zh))]).toEqual(['用电用气', '房屋安全', '道路交通', '公共场所', '防灾减灾', '环境卫生', '特种设备', '其他']);

    const body = {
      name: { zh: '测试模板', en: 'Test template' }, target: 'place', placeKinds: ['small_shopping'],
      items: [{ key: 'X1', text: { zh: '出口畅通', en: 'Exit clear' }, legalBasis: '消防法第二十八条', answerType: 'pass_fail', failCategory: 'evacuation', failGrade: 'general', failDays: 1 }],
    };
    const created = await dist.post('/api/checklists', { code: 'test.tpl', ...body });
    expect(created.statusCode).toBe(201);
    const v1 = created.json<TemplateView>();
    const bad = await dist.put('/api/checklists/by-code/test.tpl', { ...body, items: [{ ...body.items[0], failCategory: 'nope' }] });
    expect(bad.statusCode).toBe(400);
    expect(err(bad).details?.fields?.[0]?.field).toBe('body/items/0/failCategory');
    const v2 = (await dist.put('/api/checklists/by-code/test.tpl', { ...body, items: [...body.items, { key: 'X2', text: { zh: '备注', en: 'Notes' }, answerType: 'text' }] })).json<TemplateView>();
    expect([v1.version, v2.version]).toEqual([1, 2]);
    const old = (await dist.get(`/api/checklists/${v1.id}`)).json<TemplateView>();
    expect(old.current).toBe(false);
    expect(old.items).toHaveLength(1);
    expect((await (await t.login('gw1')).post('/api/checklists', { code: 'test.other', ...body })).statusCode).toBe(403);
  });
});

describe('plans', () => {
  it('plans by grade and risk: D monthly, A half-yearly, red monthly; tasks go to the grid worker; coverage counts them', async () => {
    const dist = await t.login('dist');
    const intervals = (await dist.get('/api/plans/intervals')).json<{ items: Array<{ grade: string; riskLevel: number; months: number }> }>().items;
    const months = (g: string, r: number) => intervals.find((x) => x.grade === g && x.riskLevel === r)?.months;
    expect([months('D', 0), months('C', 0), months('B', 0), months('A', 0), months('A', 1), months('A', 2)]).toEqual([1, 2, 3, 6, 1, 2]);

    // Pretend the bookshop and the internet café were inspected on 2026-02-10.
    await t.db.rows(sql`INSERT INTO inspections (code, template_id, place_id, target_name, unit_path, status, inspector_id, started_at, submitted_at, updated_at)
      SELECT 'XJOLD' || p.id, (SELECT id FROM checklist_templates WHERE code = 'fire.small-places' AND superseded_at IS NULL), p.id, p.name, p.unit_path, 'submitted',
        ${ids.gw1}::bigint, '2026-02-10T02:00:00Z', '2026-02-10T02:00:00Z', '2026-02-10T02:00:00Z'
      FROM places p WHERE p.id IN (${ids.placeA}::bigint, ${ids.placeRed}::bigint)`);
    const gen = await dist.post('/api/plans/generate', { unitCode: '630102', period: '2026-03' });
    expect(gen.statusCode).toBe(200);
    expect(gen.json()).toMatchObject({ considered: 4, created: 3, unassigned: 0 });
    expect((await dist.post('/api/plans/generate', { unitCode: '630102', period: '2026-03' })).json<{ created: number }>().created).toBe(0);

    const gw1 = await t.login('gw1');
    const mine = (await gw1.get('/api/plans/tasks?mine=true&period=2026-03')).json<{ items: TaskView[] }>().items;
    expect(mine.map((x) => [x.target.name, x.dueDate, x.templateCode]).sort()).toEqual([
      ['东关小餐馆', '2026-03-31', 'fire.small-places'],
      ['北关网吧', '2026-03-10', 'fire.small-places'],
    ].sort());
    const gw2Tasks = (await (await t.login('gw2')).get('/api/plans/tasks?mine=true')).json<{ items: TaskView[] }>().items;
    expect(gw2Tasks.map((x) => x.target.name)).toEqual(['二网格旅馆']);

    const cov = (await dist.get('/api/plans/coverage?unit=630102001001&period=2026-03')).json<{ totals: { planned: number; done: number }; rows: Array<{ unit: { code: string }; planned: number }> }>();
    expect(cov.totals).toMatchObject({ planned: 3, done: 0 });
    expect(cov.rows.map((r) => [r.unit.code, r.planned])).toEqual([['630102001001001', 2], ['630102001001002', 1]]);
    ids.taskD = mine.find((x) => x.target.name === '东关小餐馆')?.id ?? '';
  });

  it('draws a 双随机 spot check that the recorded seed reproduces', async () => {
    const dist = await t.login('dist');
    const r = await dist.post('/api/spot-checks', { unitCode: '630102', period: '2026-03', placeCount: 2, inspectorsPerPlace: 2, seed: 'fixed-seed-2026' });
    expect(r.statusCode).toBe(201);
    const s = r.json<SpotCheckView>();
    expect(s.seed).toBe('fixed-seed-2026');
    expect(s.selection).toHaveLength(2);
    expect(s.selection.every((x) => x.inspectors.length === 2 && x.inspectors[0]?.id !== x.inspectors[1]?.id)).toBe(true);
    expect(s.candidates).toEqual({ places: 4, inspectors: 4 });
    const again = (await dist.post('/api/spot-checks', { unitCode: '630102', period: '2026-04', placeCount: 2, inspectorsPerPlace: 2, seed: 'fixed-seed-2026' })).json<SpotCheckView>();
    expect(again.selection.map((x) => [x.place.id, x.inspectors.map((i) => i.id)])).toEqual(s.selection.map((x) => [x.place.id, x.inspectors.map((i) => i.id)]));
    expect((await dist.get(`/api/spot-checks/${s.id}/verify`)).json<{ reproduced: boolean }>().reproduced).toBe(true);
    const other = (await dist.post('/api/spot-checks', { unitCode: '630102', period: '2026-05', placeCount: 2 })).json<SpotCheckView>();
    expect(other.seed).toMatch(/^[0-9a-f]{24}$/);
  });
});

describe('doing an inspection', () => {
  it('a planned inspection with a failed item raises a hazard; the enterprise rectifies with an after photo; another user accepts; the timeline shows every step and signature', async () => {
    const gw1 = await t.login('gw1');
    const start = await gw1.post('/api/inspections', { taskId: ids.taskD, position: { lng: 101.0053, lat: 36.0051, accuracy: 8 } });
    expect(start.statusCode).toBe(201);
    let insp = start.json<InspectionView>();
    expect(insp.template.code).toBe('fire.small-places');
    expect(insp.target).toMatchObject({ type: 'place', name: '东关小餐馆' });
    expect(insp.distanceM).toBeGreaterThan(5);
    expect(insp.distanceM).toBeLessThan(15);
    expect(insp.abilities).toEqual(['answer', 'sign', 'submit']);

    const photo = await upload(gw1, withExif(sampleJpeg('before'), { dateTimeOriginal: '2026:03:02 10:05:00', lat: 36.0051, lng: 101.0053 }));
    const saved = await answerAll(gw1, insp, { F01: { comment: '后门安全出口被货物堵塞并上锁', photoIds: [photo] }, F04: { numberValue: 1 } });
    expect(saved.statusCode).toBe(200);
    insp = saved.json<InspectionView>();
    expect(insp.items.find((i) => i.key === 'F01')?.answer?.failed).toBe(true);
    expect(insp.items.find((i) => i.key === 'F04')?.answer?.failed).toBe(true);
    expect(insp.items.find((i) => i.key === 'F01')?.answer?.photos[0]?.takenAt).toBe('2026-03-02T02:05:00.000Z');

    const unsigned = await gw1.post(`/api/inspections/${insp.id}/submit`, {});
    expect(unsigned.statusCode).toBe(400);
    expect(err(unsigned).details?.fields?.map((f) => f.field)).toEqual(['signatures/leader', 'signatures/inspector', 'signatures/premises']);
    await signAll(gw1, insp.id);
    const sub = await gw1.post(`/api/inspections/${insp.id}/submit`, { summary: '发现两处隐患，现场下达整改通知' });
    expect(sub.statusCode).toBe(200);
    insp = sub.json<InspectionView>();
    expect(insp.status).toBe('submitted');
    expect(insp.hazards).toHaveLength(2);
    expect(insp.abilities).toEqual(['correct']);
    expect(insp.signatures.map((s) => s.role)).toEqual(['leader', 'inspector', 'premises']);
    const task = (await gw1.get('/api/plans/tasks?mine=true&period=2026-03')).json<{ items: TaskView[] }>().items.find((x) => x.id === ids.taskD);
    expect(task).toMatchObject({ status: 'done', inspectionId: insp.id });

    // Immutable: neither the API nor the database accepts a change.
    expect(err(await gw1.put(`/api/inspections/${insp.id}/answers`, { answers: [{ itemId: insp.items[0]?.id, result: 'pass' }] })).code).toBe('INVALID_TRANSITION');
    await expect(t.db.rows(sql`UPDATE inspection_answers SET result = 'pass' WHERE inspection_id = ${insp.id}::bigint`)).rejects.toThrow();

    const hazardId = insp.items.find((i) => i.key === 'F01')?.answer?.hazard?.id ?? '';
    const ent = await t.login('ent');
    let h = (await ent.get(`/api/hazards/${hazardId}`)).json<HazardDetail>();
    expect(h).toMatchObject({ state: 'rectifying', source: 'inspection', category: 'evacuation', deadline: '2026-03-02', place: { name: '东关小餐馆' } });
    expect(h.description).toContain('后门安全出口被货物堵塞并上锁');
    expect(h.photos.before).toHaveLength(1);
    expect(h.signatures.map((s) => [s.role, s.signerName])).toEqual([['leader', '王组长'], ['inspector', '李网格'], ['premises', '赵老板']]);
    const after = await upload(ent, sampleJpeg('after'));
    expect((await ent.post(`/api/hazards/${hazardId}/submit`, { comment: '已清理货物、拆除门锁', evidence: [after] })).statusCode).toBe(200);
    const comm = await t.login('comm');
    const acc = await comm.post(`/api/hazards/${hazardId}/accept`, { comment: '复查合格' });
    expect(acc.statusCode).toBe(200);
    h = acc.json<HazardDetail>();
    expect(h.state).toBe('closed');
    expect(h.timeline.map((e) => [e.action, e.actor])).toEqual([['create', 'gw1'], ['submit', 'ent'], ['accept', 'comm']]);
    expect(h.photos.after.map((p) => p.id)).toEqual([after]);

    // Printable documents, with the signatures, parse as PDF.
    const notice = await comm.get(`/api/hazards/${hazardId}/notice.pdf`);
    expect(notice.statusCode).toBe(200);
    expect(notice.headers['content-type']).toBe('application/pdf');
    expect(notice.rawPayload.subarray(0, 8).toString('latin1')).toBe('%PDF-1.5');
    expect(notice.rawPayload.toString('latin1').match(/\/Subtype \/Image/g)?.length).toBeGreaterThanOrEqual(4);
    const record = await comm.get(`/api/hazards/${hazardId}/acceptance.pdf`);
    expect(record.statusCode).toBe(200);
    expect(record.rawPayload.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    // Both documents read and render on a viewer without Chinese fonts: the font is embedded.
    const noticeText = pdfText(notice.rawPayload).replace(/\s+/g, '');
    for (const s of ['责令限期整改指令书', '东关小餐馆', '后门安全出口被货物堵塞并上锁', '检查组长王组长', '被检查单位负责人（签字）：']) expect(noticeText).toContain(s);
    const recordText = pdfText(record.rawPayload).replace(/\s+/g, '');
    for (const s of ['事故隐患整改验收记录', '已清理货物、拆除门锁', '复查合格', '整改后after']) expect(recordText).toContain(s);
    for (const doc of [notice.rawPayload, record.rawPayload]) {
      const fonts = pdfFonts(doc);
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.every((f) => f.embedded && f.subset && /NotoSansSC/.test(f.name))).toBe(true);
      expect(renderPage(doc).darkIn({ left: 0.2, right: 0.8, top: 56 / 842, bottom: 86 / 842 })).toBeGreaterThan(200);
    }
    if (process.env.SAFEGRID_PDF_OUT) {
      writeFileSync(path.join(process.env.SAFEGRID_PDF_OUT, 'notice.pdf'), notice.rawPayload);
      writeFileSync(path.join(process.env.SAFEGRID_PDF_OUT, 'acceptance.pdf'), record.rawPayload);
    }
    ids.inspection = insp.id;
    ids.hazardF04 = insp.items.find((i) => i.key === 'F04')?.answer?.hazard?.id ?? '';
  });

  it('corrects a submitted inspection with a new linked record that keeps the hazards it already raised', async () => {
    const gw1 = await t.login('gw1');
    const r = await gw1.post(`/api/inspections/${ids.inspection}/correct`, { reason: '灭火器数量记录有误' });
    expect(r.statusCode).toBe(201);
    let c = r.json<InspectionView>();
    expect(c.corrects).toMatchObject({ id: ids.inspection, reason: '灭火器数量记录有误' });
    expect(c.status).toBe('draft');
    const f04 = c.items.find((i) => i.key === 'F04');
    c = (await gw1.put(`/api/inspections/${c.id}/answers`, { answers: [{ itemId: f04?.id, numberValue: 2 }] })).json<InspectionView>();
    await signAll(gw1, c.id);
    c = (await gw1.post(`/api/inspections/${c.id}/submit`, {})).json<InspectionView>();
    expect(c.items.find((i) => i.key === 'F04')?.answer?.failed).toBe(false);
    expect(c.hazards).toHaveLength(1);
    const orig = (await gw1.get(`/api/inspections/${ids.inspection}`)).json<InspectionView>();
    expect(orig.supersededBy).toBe(c.id);
    expect(orig.abilities).toEqual([]);
    expect((await t.db.rows(sql`SELECT 1 FROM hazards WHERE source = 'inspection'`)).length).toBe(2);
  });

  it('lets an enterprise inspect itself; its failed items are self-inspection hazards it rectifies', async () => {
    const ent = await t.login('ent');
    const tpl = (await ent.get('/api/checklists?target=enterprise')).json<{ items: Array<{ id: string; code: string }> }>().items.find((x) => x.code === 'enterprise.self-inspection');
    const started = await ent.post('/api/inspections', { templateId: tpl?.id, enterpriseId: ids.enterprise, position: { lng: 101.0051, lat: 36.0051 } });
    expect(started.statusCode).toBe(201);
    let insp = started.json<InspectionView>();
    expect(insp.target).toMatchObject({ type: 'enterprise', name: '东关小餐馆' });
    insp = (await answerAll(ent, insp, { E08: { comment: '员工宿舍疏散通道堆放杂物' } })).json<InspectionView>();
    await signAll(ent, insp.id);
    insp = (await ent.post(`/api/inspections/${insp.id}/submit`, {})).json<InspectionView>();
    expect(insp.hazards).toHaveLength(1);
    const h = (await ent.get(`/api/hazards/${insp.hazards[0]?.id}`)).json<HazardDetail>();
    expect([h.source, h.state, h.category, h.signatures.length]).toEqual(['self_inspection', 'rectifying', 'evacuation', 3]);
    expect(h.abilities).toContain('submit');
    // Another enterprise's inspection is out of reach.
    expect((await ent.post('/api/inspections', { templateId: tpl?.id, placeId: ids.place2, position: IN_GRID2 })).statusCode).toBe(403);
  });

  it('inspects a community without a place, located by where the inspector stands, and refuses outside their grids', async () => {
    const gw2 = await t.login('gw2');
    const tpl = (await gw2.get('/api/checklists?target=community')).json<{ items: Array<{ id: string }> }>().items[0];
    const r = await gw2.post('/api/inspections', { templateId: tpl?.id, position: IN_GRID2 });
    expect(r.statusCode).toBe(201);
    expect(r.json<InspectionView>().grid?.code).toBe('630102001001002');
    const out = await gw2.post('/api/inspections', { templateId: tpl?.id, position: IN_GRID1 });
    expect(err(out).code).toBe('OUT_OF_SCOPE');
    expect((await gw2.get(`/api/inspections/${ids.inspection}`)).statusCode).toBe(404);
  });
});
