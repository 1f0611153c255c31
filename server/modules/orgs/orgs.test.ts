import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/app.js';
import { sql } from '../../db/client.js';
import { GRID_1, IN_GRID_1, seedRegistryUnits } from '../../test/fixtures/registries.factories.js';

let t: TestApp;
let street: Client;

interface Org {
  id: string;
  unit: { code: string };
  grid: { code: string } | null;
  memberCount: number;
  departmentCount: number;
  serviceHours: number;
  warnings: Array<{ code: string; message: { zh: string } }>;
  members?: Array<{ id: string; name: string; phone: string | null; serviceHours: number }>;
}

beforeAll(async () => {
  t = await createTestApp();
  await seedRegistryUnits(t.db);
  await t.user('street', 'street_official', '630102001');
  await t.user('gw1', 'grid_worker', GRID_1);
  street = await t.login('street');
});
afterAll(async () => t.close());

describe('organizations', () => {
  it('flags a safe-community leading group with fewer than 9 members or 3 departments', async () => {
    const res = await street.post('/api/orgs', { kind: 'leading_group', name: '东关大街安全社区创建领导小组', safeCommunity: true, unitCode: '630102001' });
    expect(res.statusCode).toBe(201);
    const g = res.json<Org>();
    expect(g.unit.code).toBe('630102001');
    expect(g.grid).toBeNull();
    const depts = ['街道办', '街道办', '街道办', '街道办', '派出所', '派出所', '派出所', '派出所'];
    for (const [i, d] of depts.entries()) {
      expect((await street.post(`/api/orgs/${g.id}/members`, { name: `成员${i}`, department: d, phone: `1380000000${i}` })).statusCode).toBe(201);
    }
    const before = (await street.get(`/api/orgs/${g.id}`)).json<Org>();
    expect(before.memberCount).toBe(8);
    expect(before.departmentCount).toBe(2);
    expect(before.warnings.map((w) => w.code)).toEqual(['leading_group.members', 'leading_group.departments']);
    expect(before.warnings[0]?.message.zh).toBe('安全社区创建领导小组成员 8 人，少于 9 人');
    expect(before.members?.[0]?.phone).toBe('138****0000');
    expect((await street.get('/api/orgs?flagged=true')).json<{ items: Org[] }>().items.map((o) => o.id)).toEqual([g.id]);

    await street.post(`/api/orgs/${g.id}/members`, { name: '成员8', department: '卫生院' });
    const after = (await street.get(`/api/orgs/${g.id}`)).json<Org>();
    expect(after.warnings).toEqual([]);
    expect((await street.get('/api/orgs?flagged=true')).json<{ items: Org[] }>().items).toEqual([]);

    const leaving = after.members?.find((m) => m.name === '成员8');
    await street.patch(`/api/org-members/${leaving?.id}`, { leftOn: '2026-03-01' });
    expect((await street.get(`/api/orgs/${g.id}`)).json<Org>().warnings.map((w) => w.code)).toEqual(['leading_group.members', 'leading_group.departments']);
    expect((await street.post('/api/orgs', { kind: 'volunteer_team', name: 'x', safeCommunity: true, unitCode: '630102001' })).statusCode).toBe(400);
  });

  it('records volunteers\' service hours and checks the member and date', async () => {
    const team = (await street.post('/api/orgs', { kind: 'volunteer_team', name: '北关社区志愿者服务队', location: IN_GRID_1 })).json<Org>();
    expect(team.grid?.code).toBe(GRID_1);
    const m = (await street.post(`/api/orgs/${team.id}/members`, { name: '志愿者甲', joinedOn: '2026-01-01' })).json<{ id: string }>();
    const m2 = (await street.post(`/api/orgs/${team.id}/members`, { name: '志愿者乙' })).json<{ id: string }>();
    await street.post(`/api/orgs/${team.id}/service-logs`, { memberId: m.id, servedOn: '2026-02-10', hours: 3.5, activity: '消防宣传' });
    const res = await street.post(`/api/orgs/${team.id}/service-logs`, { memberId: m2.id, servedOn: '2026-02-11', hours: 2, activity: '独居老人走访' });
    expect(res.json<{ totalHours: number }>().totalHours).toBe(5.5);
    const o = (await street.get(`/api/orgs/${team.id}`)).json<Org>();
    expect(o.serviceHours).toBe(5.5);
    expect(o.members?.find((x) => x.id === m.id)?.serviceHours).toBe(3.5);
    expect((await street.post(`/api/orgs/${team.id}/service-logs`, { memberId: m.id, servedOn: '2025-12-01', hours: 1, activity: 'x' })).statusCode).toBe(400);
    expect((await street.post(`/api/orgs/${team.id}/service-logs`, { memberId: m.id, servedOn: '2026-02-12', hours: 25, activity: 'x' })).statusCode).toBe(400);
    expect((await street.post(`/api/orgs/${team.id}/service-logs`, { memberId: m.id, servedOn: '2026-12-12', hours: 1, activity: 'x' })).statusCode).toBe(400);
    const gw = await t.login('gw1');
    expect((await gw.get(`/api/orgs/${team.id}`)).statusCode).toBe(200);
    expect((await gw.post(`/api/orgs/${team.id}/members`, { name: 'x' })).statusCode).toBe(403);
    const raw = await t.db.rows<{ phone_masked: string | null }>(sql`SELECT phone_masked FROM org_members WHERE phone_masked IS NOT NULL`);
    expect(raw.length).toBe(8);
  });
});
