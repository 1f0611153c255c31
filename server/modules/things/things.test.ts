import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/app.js';
import { GRID_1, GRID_2, IN_GRID_1, IN_GRID_2, seedRegistryUnits, uscc } from '../../test/fixtures/registries.factories.js';

let t: TestApp;
let district: Client;
let worker: Client;

interface Thing {
  id: string;
  name: string;
  grid: { code: string } | null;
  place: { id: string } | null;
  enterprise: { id: string } | null;
  location: { lng: number; lat: number } | null;
}
interface Due {
  today: string;
  items: Array<{ thing: Thing; reason: string; dueOn: string; daysLeft: number; overdue: boolean }>;
}

let entId = '';
let otherEntId = '';

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-03-02T01:00:00Z');
  await seedRegistryUnits(t.db);
  await t.user('dist', 'street_official', '630102001');
  await t.user('gw1', 'grid_worker', GRID_1);
  district = await t.login('dist');
  worker = await t.login('gw1');
  entId = (await district.post('/api/enterprises', { uscc: uscc('91630102MA7QQQQQ1'), name: '电梯公司', industryCode: 'C3435', location: IN_GRID_1 })).json<{ id: string }>().id;
  otherEntId = (await district.post('/api/enterprises', { uscc: uscc('91630102MA7QQQQQ2'), name: '别家', industryCode: 'C3435', location: IN_GRID_1 })).json<{ id: string }>().id;
  await t.user('ent', 'enterprise_user', '630102', { enterpriseId: entId });
});
afterAll(async () => t.close());

describe('things and due dates', () => {
  it('lists what falls due within N days (and what is overdue), scoped to the actor', async () => {
    const mk = async (c: Client, body: Record<string, unknown>) => {
      const r = await c.post('/api/things', { location: IN_GRID_1, ...body });
      expect(r.statusCode, r.body).toBe(201);
      return r.json<Thing>();
    };
    const ext = await mk(worker, { kind: 'extinguisher', name: '4kg ABC 灭火器', quantity: 2, expiresOn: '2026-03-12' });
    const lift = await mk(worker, { kind: 'elevator', name: '1号电梯', lastInspectedOn: '2025-04-11', nextInspectionOn: '2026-04-11' });
    const water = await mk(worker, { kind: 'emergency_supply', name: '饮用水', quantity: 200, unitOfMeasure: '箱', expiresOn: '2026-02-20' });
    await mk(worker, { kind: 'camera', name: '路口摄像头' });
    await mk(district, { kind: 'hydrant', name: '第2网格消火栓', location: IN_GRID_2, nextInspectionOn: '2026-03-05' });

    const d30 = (await worker.get('/api/things/due?days=30')).json<Due>();
    expect(d30.today).toBe('2026-03-02');
    expect(d30.items.map((i) => [i.thing.name, i.reason, i.dueOn, i.daysLeft, i.overdue])).toEqual([
      ['饮用水', 'expiry', '2026-02-20', -10, true],
      ['4kg ABC 灭火器', 'expiry', '2026-03-12', 10, false],
    ]);
    const d60 = (await worker.get('/api/things/due?days=60')).json<Due>();
    expect(d60.items.map((i) => i.thing.id)).toEqual([water.id, ext.id, lift.id]);
    const dist = (await district.get('/api/things/due?days=30')).json<Due>();
    expect(dist.items.map((i) => i.thing.name)).toEqual(['饮用水', '第2网格消火栓', '4kg ABC 灭火器']);
    expect((await worker.get('/api/things/due?days=999')).statusCode).toBe(400);
    const bad = await worker.post('/api/things', { kind: 'elevator', name: 'x', location: IN_GRID_1, lastInspectedOn: '2026-03-01', nextInspectionOn: '2026-01-01' });
    expect(bad.statusCode).toBe(400);
  });

  it('a thing registered at a place takes the place\'s grid; an enterprise user registers only for their own enterprise', async () => {
    const place = (await district.post('/api/places', { name: '商场', kind: 'crowded', location: IN_GRID_2 })).json<{ id: string }>();
    const h = await district.post('/api/things', { kind: 'hydrant', name: '商场消火栓', placeId: place.id });
    expect(h.json<Thing>()).toMatchObject({ grid: { code: GRID_2 }, place: { id: place.id }, location: IN_GRID_2 });
    const ent = await t.login('ent');
    const own = await ent.post('/api/things', { kind: 'elevator', name: '本企业电梯', enterpriseId: entId, nextInspectionOn: '2026-03-20' });
    expect(own.statusCode).toBe(201);
    expect(own.json<Thing>()).toMatchObject({ enterprise: { id: entId }, grid: { code: GRID_1 } });
    expect((await ent.post('/api/things', { kind: 'elevator', name: '别家电梯', enterpriseId: otherEntId })).statusCode).toBe(403);
    expect((await ent.post('/api/things', { kind: 'elevator', name: '无主电梯', location: IN_GRID_1 })).statusCode).toBe(403);
    const mine = (await ent.get('/api/things/due?days=30')).json<Due>();
    expect(mine.items.map((i) => i.thing.name)).toEqual(['本企业电梯']);
    expect((await ent.get(`/api/things/${h.json<Thing>().id}`)).statusCode).toBe(404);
  });
});
