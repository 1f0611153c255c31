import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/app.js';
import { sql } from '../../db/client.js';
import { systemActor } from '../../core/access.js';
import { HAZARD_ACTIONS } from '../../../common/modules/hazards/hazards.workflow.js';
import type { HazardDetail } from '../../../common/modules/hazards/hazards.contract.js';
import { sampleJpeg, upload, withExif } from '../../test/files.fixtures.js';
import { addGrant, assignGridWorker, IN_GRID1, IN_GRID2, OUTSIDE, seedEnterprise, seedGeoTree, seedReadOnlyRole } from '../../test/fixtures/hazards.fixtures.js';
import type { HazardsService } from './hazards.service.js';

let t: TestApp;
let dataDir: string;
let hazards: HazardsService;
let enterpriseId: string;
const ids: Record<string, string> = {};

const err = (res: { json: <T>() => T }) => res.json<{ error: { code: string; details?: { fields?: Array<{ field: string }> } } }>().error;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'sg-hazards-'));
  t = await createTestApp({ config: { dataDir } });
  hazards = t.modules.find((m) => typeof (m.service as Partial<HazardsService>).publicStatus === 'function')?.service as HazardsService;
  await seedGeoTree(t.db);
  enterpriseId = await seedEnterprise(t.db, { name: '北关机械厂', at: IN_GRID1, industry: 'C34' });
  ids.worker1 = await t.user('gw1', 'grid_worker', '630102001001001');
  ids.worker2 = await t.user('gw2', 'grid_worker', '630102001001002');
  ids.community = await t.user('comm', 'community_official', '630102001001');
  ids.community2 = await t.user('comm2', 'community_official', '630102001001');
  ids.district = await t.user('dist', 'district_safety_office', '630102');
  ids.ent = await t.user('ent', 'enterprise_user', '630102001001001', { enterpriseId });
  await seedReadOnlyRole(t.db);
  ids.viewer = await t.user('viewer', 'hazard_viewer', '630102');
  ids.both = await t.user('both', 'grid_worker', '630102001001001');
  ids.industry = await t.user('ind', 'industry_department', '630102', { industry: 'C' });
  ids.sys = await t.user('sys', 'system_admin', 'root');
  await addGrant(t.db, ids.both, 'community_official', '630102001001');
  await assignGridWorker(t.db, '630102001001001', ids.worker1);
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function createHazard(c: Client, body: Record<string, unknown>): Promise<string> {
  const res = await c.post('/api/hazards', body);
  if (res.statusCode !== 201) throw new Error(`create failed ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

async function act(c: Client, id: string, action: string, body: Record<string, unknown> = {}) {
  return c.post(`/api/hazards/${id}/${action.replaceAll('_', '-')}`, body);
}

describe('the hazard workflow', () => {
  it('runs reported → confirmed → rectifying → submitted → closed, with photos, abilities and a full timeline', async () => {
    const gw = await t.login('gw1');
    const before = await upload(gw, withExif(sampleJpeg('before'), { dateTimeOriginal: '2026:03:02 09:15:00', lat: IN_GRID1.lat, lng: IN_GRID1.lng }));
    const id = await createHazard(gw, {
      source: 'patrol', enterpriseId, ...IN_GRID1, category: 'evacuation', description: '安全出口上锁，疏散通道堆放货物', photoIds: [before],
    });
    let h = (await gw.get(`/api/hazards/${id}`)).json<HazardDetail>();
    expect(h.state).toBe('reported');
    expect(h.grid?.code).toBe('630102001001001');
    expect(h.enterprise?.name).toBe('北关机械厂');
    expect(h.photos.before).toHaveLength(1);
    expect(h.photos.before[0]?.takenAt).toBe('2026-03-02T01:15:00.000Z'); // 09:15 in Asia/Shanghai
    expect(h.abilities).toEqual([]);

    const comm = await t.login('comm');
    h = (await comm.get(`/api/hazards/${id}`)).json<HazardDetail>();
    expect(h.abilities).toEqual(expect.arrayContaining(['confirm', 'reject', 'assign']));
    expect((await act(comm, id, 'confirm', { rectifyDays: 5, responsible: { implements: { userId: ids.ent, name: '企业安全员' }, followsUp: { name: '张网格' } } })).statusCode).toBe(200);
    const issued = await act(comm, id, 'issue', {});
    expect(issued.statusCode).toBe(200);
    h = issued.json<HazardDetail>();
    expect(h.state).toBe('rectifying');
    // 2026-03-02 is a Monday: five working days later is Monday 2026-03-09.
    expect(h.deadline).toBe('2026-03-09');
    expect(h.responsible.implements?.name).toBe('企业安全员');

    const ent = await t.login('ent');
    const entView = (await ent.get(`/api/hazards/${id}`)).json<HazardDetail>();
    expect(entView.abilities).toEqual(expect.arrayContaining(['submit', 'request_extension']));
    const noPhoto = await act(ent, id, 'submit', { comment: '已清理' });
    expect(noPhoto.statusCode).toBe(400);
    expect(err(noPhoto).details?.fields?.[0]?.field).toBe('body/evidence');
    const after = await upload(ent, sampleJpeg('after'));
    const submitted = await act(ent, id, 'submit', { comment: '已清理通道并拆除门锁', evidence: [after] });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json<HazardDetail>().photos.after.map((p) => p.id)).toEqual([after]);

    const accepted = await act(comm, id, 'accept', { comment: '现场复查合格' });
    expect(accepted.statusCode).toBe(200);
    h = accepted.json<HazardDetail>();
    expect(h.state).toBe('closed');
    expect(h.closedOnTime).toBe(true);
    expect(h.rectifiedBy).toBe('ent');
    expect(h.acceptedBy).toBe('comm');
    expect(h.timeline.map((e) => e.action)).toEqual(['create', 'confirm', 'issue', 'submit', 'accept']);
    expect(h.timeline.map((e) => e.actor)).toEqual(['gw1', 'comm', 'comm', 'ent', 'comm']);
    expect(h.timeline[3]?.evidence.map((e) => e.id)).toEqual([after]);
    expect(h.abilities).toEqual(['reopen']);

    // The photo is readable by someone who can read the hazard, not by a worker of another grid.
    expect((await comm.get(`/api/files/${after}/content`)).statusCode).toBe(200);
    expect((await (await t.login('gw2')).get(`/api/files/${after}/content`)).statusCode).toBe(404);

    const audit = await t.db.rows<{ action: string }>(sql`SELECT action FROM audit_log WHERE object_type = 'hazard' AND object_id = ${id} ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(['hazard.create', 'hazard.confirm', 'hazard.issue', 'hazard.submit', 'hazard.accept']);
    ids.closed = id;
  });

  it('refuses acceptance by the person who rectified (separation of duties)', async () => {
    const both = await t.login('both');
    const id = await createHazard(both, { source: 'patrol', ...IN_GRID1, category: 'electrical', description: '私拉乱接电线' });
    expect((await act(both, id, 'confirm')).statusCode).toBe(200);
    expect((await act(both, id, 'issue', { rectifyDays: 3 })).statusCode).toBe(200);
    const photo = await upload(both, sampleJpeg('after'));
    const sub = await act(both, id, 'submit', { evidence: [photo] });
    expect(sub.statusCode).toBe(200);
    expect(sub.json<HazardDetail>().abilities).not.toContain('accept');
    const acc = await act(both, id, 'accept');
    expect(acc.statusCode).toBe(409);
    expect(err(acc).code).toBe('SEPARATION_OF_DUTIES');
    const ret = await act(both, id, 'return', { reason: 'x' });
    expect(err(ret).code).toBe('SEPARATION_OF_DUTIES');
    expect((await act(await t.login('comm'), id, 'accept')).statusCode).toBe(200);
  });

  it('answers 403 on every transition to a user without the permission', async () => {
    const viewer = await t.login('viewer');
    expect((await viewer.get(`/api/hazards/${ids.closed}`)).statusCode).toBe(200);
    for (const action of HAZARD_ACTIONS) {
      const res = await act(viewer, ids.closed ?? '0', action, { reason: 'x', comment: 'x' });
      expect({ action, status: res.statusCode }).toEqual({ action, status: 403 });
      expect(err(res).code).toBe('FORBIDDEN');
    }
    // A grid worker may rectify but not confirm, accept or list.
    const gw = await t.login('gw1');
    for (const action of ['confirm', 'reject', 'accept', 'return', 'approve_extension', 'list', 'reopen'] as const) {
      expect((await act(gw, ids.closed ?? '0', action, { reason: 'x' })).statusCode).toBe(403);
    }
  });

  it('lets a grid worker see only the hazards of their grids', async () => {
    const gw2 = await t.login('gw2');
    const mine = await createHazard(gw2, { source: 'patrol', ...IN_GRID2, category: 'gas', description: '燃气瓶放在地下室' });
    const list2 = (await gw2.get('/api/hazards')).json<{ items: Array<{ id: string; grid: { code: string } }> }>();
    expect(list2.items.map((i) => i.id)).toEqual([mine]);
    expect((await gw2.get(`/api/hazards/${ids.closed}`)).statusCode).toBe(404);
    const list1 = (await (await t.login('gw1')).get('/api/hazards')).json<{ items: Array<{ id: string; grid: { code: string } }> }>();
    expect(list1.items.length).toBeGreaterThan(0);
    expect(list1.items.every((i) => i.grid.code === '630102001001001')).toBe(true);
    // The worker of grid 2 cannot register a hazard in grid 1.
    const out = await gw2.post('/api/hazards', { source: 'patrol', ...IN_GRID1, category: 'gas', description: 'x' });
    expect(out.statusCode).toBe(403);
    expect(err(out).code).toBe('OUT_OF_SCOPE');
    const far = await gw2.post('/api/hazards', { source: 'patrol', ...OUTSIDE, category: 'gas', description: 'x' });
    expect(far.statusCode).toBe(404);
    expect(err(far).code).toBe('OUTSIDE_JURISDICTION');
    // A grid chosen by hand needs a reason and is audited.
    const comm = await t.login('comm');
    const noReason = await comm.post('/api/hazards', { source: 'manual', ...IN_GRID2, category: 'gas', description: '边界处燃气管道', gridOverride: { gridCode: '630102001001001', reason: ' ' } });
    expect(err(noReason).details?.fields?.[0]?.field).toBe('body/gridOverride/reason');
    const moved = await createHazard(comm, { source: 'manual', ...IN_GRID2, category: 'gas', description: '边界处燃气管道', gridOverride: { gridCode: '630102001001001', reason: '管道属第1网格小区' } });
    const mh = (await comm.get(`/api/hazards/${moved}`)).json<HazardDetail>();
    expect([mh.grid?.code, mh.gridOverride?.reason]).toEqual(['630102001001001', '管道属第1网格小区']);
    const auditRow = await t.db.one<{ summary: { gridOverride?: string } }>(sql`SELECT summary FROM audit_log WHERE action = 'hazard.create' AND object_id = ${moved}`);
    expect(auditRow?.summary.gridOverride).toBe('630102001001001');
    const bad = await gw2.post('/api/hazards', { source: 'patrol', ...IN_GRID2, category: 'nonsense', description: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(err(bad).details?.fields?.[0]?.field).toBe('body/category');
  });

  it('keeps a major hazard open until its treatment plan is complete, lists it only with the plan and delists it on acceptance', async () => {
    const dist = await t.login('dist');
    const noBasis = await dist.post('/api/hazards', { source: 'manual', enterpriseId, ...IN_GRID1, category: 'hazardous_chemicals', grade: 'major', description: '储罐区可燃气体报警装置失效' });
    expect(noBasis.statusCode).toBe(400);
    expect(err(noBasis).details?.fields?.[0]?.field).toBe('body/majorBasis');
    const id = await createHazard(dist, {
      source: 'manual', enterpriseId, ...IN_GRID1, category: 'hazardous_chemicals', grade: 'major',
      majorBasis: '《化工和危险化学品生产经营单位重大生产安全事故隐患判定标准》第十二条', description: '储罐区可燃气体报警装置失效',
    });
    expect((await act(dist, id, 'confirm')).json<HazardDetail>().rectifyDays).toBe(60);
    // Listing for supervision needs the treatment plan.
    const noPlan = await act(dist, id, 'list', { comment: '区安委办挂牌督办' });
    expect(noPlan.statusCode).toBe(409);
    expect(err(noPlan).code).toBe('MAJOR_HAZARD_PLAN_REQUIRED');
    const ent = await t.login('ent');
    const plan = { objective: '恢复报警功能', methods: '更换探头并联动切断阀', funds: '企业自筹 3 万元', organization: '设备部 王工', timeLimit: '2026-04-30 前', safetyMeasures: '停用储罐，配置便携式检测仪，修订应急预案' };
    expect((await act(ent, id, 'set_plan', { plan })).json<HazardDetail>().planComplete).toBe(true);
    const listed = await act(dist, id, 'list', { comment: '区安委办挂牌督办' });
    expect(listed.statusCode).toBe(200);
    expect(listed.json<HazardDetail>().supervision?.unit?.code).toBe('630102');
    expect(err(await act(dist, id, 'list')).code).toBe('INVALID_TRANSITION');
    expect((await act(dist, id, 'issue')).statusCode).toBe(200);
    expect((await act(ent, id, 'set_plan', { plan: { ...plan, funds: '', organization: '' } })).json<HazardDetail>().planComplete).toBe(false);
    expect((await act(ent, id, 'submit', { evidence: [await upload(ent, sampleJpeg('after'))] })).statusCode).toBe(200);
    const refused = await act(dist, id, 'accept');
    expect(refused.statusCode).toBe(409);
    expect(err(refused).code).toBe('INVALID_TRANSITION');
    expect((await act(dist, id, 'return', { reason: '治理方案不完整' })).statusCode).toBe(200);
    expect((await act(ent, id, 'set_plan', { plan })).json<HazardDetail>().planComplete).toBe(true);
    expect((await act(ent, id, 'submit', { evidence: [await upload(ent, sampleJpeg('after'))] })).statusCode).toBe(200);
    const closed = await act(dist, id, 'accept');
    expect(closed.statusCode).toBe(200);
    const h = closed.json<HazardDetail>();
    expect(h.state).toBe('closed');
    expect(h.supervision?.delistedAt).not.toBeNull();
    expect(h.timeline.map((e) => e.action)).toEqual(['create', 'confirm', 'set_plan', 'list', 'issue', 'set_plan', 'submit', 'return', 'set_plan', 'submit', 'accept', 'delist']);
  });

  it('closes a major hazard only when it was listed, or the district waived the listing with a reason (audited)', async () => {
    const dist = await t.login('dist');
    const comm = await t.login('comm');
    const ent = await t.login('ent');
    const id = await createHazard(comm, {
      source: 'manual', enterpriseId, ...IN_GRID1, category: 'hazardous_chemicals', grade: 'major', majorBasis: '判定标准第八条', description: '液氨储罐安全阀失效',
    });
    await act(comm, id, 'confirm');
    await act(comm, id, 'issue', { rectifyDays: 5 });
    const plan = { objective: '更换安全阀', methods: '停车检修', funds: '2 万元', organization: '设备部', timeLimit: '5 个工作日', safetyMeasures: '停用储罐' };
    await act(ent, id, 'set_plan', { plan });
    await act(ent, id, 'submit', { evidence: [await upload(ent, sampleJpeg('after'))] });
    const notListed = await act(comm, id, 'accept');
    expect(notListed.statusCode).toBe(409);
    expect(err(notListed).code).toBe('MAJOR_HAZARD_NOT_LISTED');
    expect(notListed.json<{ error: { message: string } }>().error.message).toContain('挂牌');
    // The waiver needs a reason and a district (or higher) grant; a community official with hazard.supervise is refused.
    expect(err(await act(dist, id, 'waive_listing', {})).details?.fields?.[0]?.field).toBe('body/reason');
    // A street official holds hazard.supervise, but not at the district.
    await t.user('street1', 'street_official', '630102001');
    const streetRes = await act(await t.login('street1'), id, 'waive_listing', { reason: '街道认为无需挂牌' });
    expect(streetRes.statusCode).toBe(403);
    expect(err(streetRes).code).toBe('LISTING_WAIVER_DISTRICT_ONLY');
    const waived = await act(dist, id, 'waive_listing', { reason: '已停产整改，五日内完成，经区安委办研究不再挂牌' });
    expect(waived.statusCode).toBe(200);
    expect(waived.json<HazardDetail>().listingWaiver?.reason).toBe('已停产整改，五日内完成，经区安委办研究不再挂牌');
    expect(err(await act(dist, id, 'waive_listing', { reason: 'again' })).code).toBe('INVALID_TRANSITION');
    const closed = await act(comm, id, 'accept');
    expect(closed.statusCode).toBe(200);
    const audit = await t.db.one<{ summary: { reason: string } }>(sql`SELECT summary FROM audit_log WHERE action = 'hazard.waive_listing' AND object_id = ${id}`);
    expect(audit?.summary.reason).toContain('区安委办');
  });

  it('records extension requests and decisions', async () => {
    const comm = await t.login('comm');
    const ent = await t.login('ent');
    const id = await createHazard(comm, { source: 'manual', enterpriseId, ...IN_GRID1, category: 'fire', description: '灭火器过期' });
    await act(comm, id, 'confirm', { rectifyDays: 2 });
    const issued = (await act(comm, id, 'issue')).json<HazardDetail>();
    expect(issued.deadline).toBe('2026-03-04');
    t.clock.advance(60_000);
    const req = await act(ent, id, 'request_extension', { extensionDays: 3, reason: '灭火器采购需要时间' });
    expect(req.json<HazardDetail>().extensionRequest?.days).toBe(3);
    expect(err(await act(ent, id, 'submit', { evidence: [await upload(ent, sampleJpeg('after'))] })).code).toBe('INVALID_TRANSITION');
    const ok = await act(comm, id, 'approve_extension');
    expect(ok.json<HazardDetail>().deadline).toBe('2026-03-09');
    expect(ok.json<HazardDetail>().extensionRequest).toBeNull();
    const stale = await act(comm, id, 'assign', { responsible: { supervises: { name: '王主任' } }, expectedUpdatedAt: issued.updatedAt });
    expect(stale.statusCode).toBe(409);
    expect(err(stale).code).toBe('CONFLICT');
    const fresh = await act(comm, id, 'assign', { responsible: { supervises: { name: '王主任' } }, expectedUpdatedAt: ok.json<HazardDetail>().updatedAt });
    expect(fresh.json<HazardDetail>().responsible.supervises?.name).toBe('王主任');
  });
});

describe('scopes, calendar and abilities in lists', () => {
  it('shows an industry department only the hazards of enterprises in its industry, each row with the user\'s abilities', async () => {
    const other = await seedEnterprise(t.db, { name: '北关饭店', at: IN_GRID1, industry: 'H62' });
    const comm = await t.login('comm');
    const inC = await createHazard(comm, { source: 'manual', enterpriseId, ...IN_GRID1, category: 'production_equipment', description: '冲床防护罩缺失' });
    const inH = await createHazard(comm, { source: 'manual', enterpriseId: other, ...IN_GRID1, category: 'gas', description: '后厨燃气软管老化' });
    const ind = await t.login('ind');
    const seen = (await ind.get('/api/hazards?limit=200')).json<{ items: Array<{ id: string; abilities: string[] }> }>().items;
    expect(seen.map((h) => h.id)).toContain(inC);
    expect(seen.map((h) => h.id)).not.toContain(inH);
    expect(seen.find((h) => h.id === inC)?.abilities).toEqual(expect.arrayContaining(['confirm', 'reject']));
    expect((await ind.get(`/api/hazards/${inH}`)).statusCode).toBe(404);
    const mine = (await comm.get('/api/hazards?limit=200')).json<{ items: Array<{ id: string; abilities: string[] }> }>().items;
    expect(mine.find((h) => h.id === inH)?.abilities).toEqual(['confirm', 'reject', 'assign']);
  });

  it('counts deadlines with the calendar in force: a day edited by an administrator moves the next deadline', async () => {
    const sys = await t.login('sys');
    // A local extra day off on Wednesday 2026-03-04.
    const edited = await sys.put('/api/calendar/days/2026-03-04', { kind: 'holiday', note: '本市防汛应急放假' });
    expect(edited.statusCode).toBe(200);
    expect((await (await t.login('comm')).put('/api/calendar/days/2026-03-05', { kind: 'holiday', note: 'x' })).statusCode).toBe(403);
    const comm = await t.login('comm');
    const id = await createHazard(comm, { source: 'manual', enterpriseId, ...IN_GRID1, category: 'fire', description: '消防通道堆放杂物' });
    await act(comm, id, 'confirm', { rectifyDays: 3 });
    const h = (await act(comm, id, 'issue')).json<HazardDetail>();
    expect(h.deadline).toBe('2026-03-06'); // Tue 3, (Wed 4 off), Thu 5, Fri 6
    expect(h.calendarVersion).toMatch(/^2026-20\d\d@\d+$/);
    expect((await sys.put('/api/calendar/days/2026-03-04', { kind: 'clear', note: '撤销' })).statusCode).toBe(200);
  });
});

describe('escalation', () => {
  it('notifies when overdue and escalates level by level, once each, catching up after downtime', async () => {
    const comm = await t.login('comm');
    const id = await createHazard(comm, { source: 'manual', enterpriseId, ...IN_GRID1, category: 'building', description: '外墙瓷砖脱落' });
    await act(comm, id, 'confirm', { rectifyDays: 1 });
    expect((await act(comm, id, 'issue')).json<HazardDetail>().deadline).toBe('2026-03-03');
    await hazards.escalateDue(new Date('2026-03-03T10:00:00Z'));
    expect((await comm.get(`/api/hazards/${id}`)).json<HazardDetail>().escalations).toEqual([]);
    // Wednesday 3-04 (Shanghai) it is overdue: level 0 only.
    await hazards.escalateDue(new Date('2026-03-04T02:00:00Z'));
    let h = (await comm.get(`/api/hazards/${id}`)).json<HazardDetail>();
    expect(h.escalations.map((e) => e.level)).toEqual([0]);
    expect(h.overdue).toBe(false); // the API's clock is still 3-02
    // Down for weeks: one run catches up every level, each once.
    const r1 = await hazards.escalateDue(new Date('2026-04-20T02:00:00Z'));
    const r2 = await hazards.escalateDue(new Date('2026-04-21T02:00:00Z'));
    expect(r1.steps).toBeGreaterThanOrEqual(3);
    expect(r2.steps).toBe(0);
    h = (await comm.get(`/api/hazards/${id}`)).json<HazardDetail>();
    expect(h.escalations.map((e) => [e.level, e.unit?.code, e.dueOn])).toEqual([
      [0, '630102001001001', '2026-03-04'],
      [1, '630102001001', '2026-03-06'],
      [2, '630102001', '2026-03-11'],
      [3, '630102', '2026-03-16'],
    ]);
    expect(h.escalationLevel).toBe(3);
    expect(h.timeline.filter((e) => e.action === 'escalate').map((e) => (e.data as { level: number }).level)).toEqual([1, 2, 3]);
    const note = await t.db.rows<{ user_id: string; kind: string }>(sql`SELECT user_id, kind FROM notifications WHERE object_type = 'hazard' AND object_id = ${id} AND kind LIKE 'hazard.%' AND kind <> 'hazard.issued' ORDER BY id`);
    expect(note.filter((n) => n.kind === 'hazard.overdue').map((n) => n.user_id).sort()).toEqual([ids.community, ids.ent, ids.worker1].sort());
    expect(note.filter((n) => n.kind === 'hazard.escalated' && n.user_id === ids.district)).toHaveLength(1);
    // Officials hear of the level that reached their unit; the named checker hears of every level.
    expect(note.filter((n) => n.kind === 'hazard.escalated' && n.user_id === ids.community2)).toHaveLength(1);
    expect(note.filter((n) => n.kind === 'hazard.escalated' && n.user_id === ids.community)).toHaveLength(3);
  });
});

describe('the service API for other modules', () => {
  it('creates from a resident report as reported, links duplicate sources and tells the public status without names', async () => {
    const sys = systemActor('reports');
    const r = await hazards.create(sys, { source: 'report', sourceId: 'r-1001', ...IN_GRID2, category: 'e_bike', description: '楼道内电动车充电' });
    expect(r.code).toMatch(/^YH20260302\d{5}$/);
    await hazards.linkSource(sys, r.id, { source: 'report', sourceId: 'r-1002' });
    await hazards.linkSource(sys, r.id, { source: 'report', sourceId: 'r-1002' });
    let s = await hazards.publicStatus(r.id);
    expect(s).toMatchObject({ state: 'reported', publicState: 'open', closedAt: null });
    expect(s?.notes.map((n) => n.text.zh)).toEqual(['已登记']);
    const comm = await t.login('comm');
    const detail = (await comm.get(`/api/hazards/${r.id}`)).json<HazardDetail>();
    expect(detail.sources.map((x) => x.sourceId)).toEqual(['r-1001', 'r-1002']);
    await act(comm, r.id, 'reject', { reason: '经核实为临时停放，已劝离' });
    s = await hazards.publicStatus(r.id);
    expect(s?.publicState).toBe('closed');
    expect(s?.notes.map((n) => n.text.en)).toEqual(['Registered', 'Checked: not a safety hazard']);
    expect(JSON.stringify(s)).not.toContain('comm');
    expect(await hazards.publicStatus('999999')).toBeNull();
  });
});
