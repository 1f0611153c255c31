import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/app.js';
import { sql } from '../../db/client.js';
import { readXlsx } from '../../core/xlsx.js';
import { GRID_1, GRID_2, IN_GRID_1, IN_GRID_2, idNumber, seedRegistryUnits } from '../../test/fixtures/registries.factories.js';

let t: TestApp;
let worker: Client;
let community: Client;

const ELDER_ID = idNumber('630102', '19450312', '124');
const ELDER_PHONE = '13800001234';
const HELPER_PHONE = '0971-8881234';

interface Person {
  id: string;
  name: string;
  sex: string | null;
  idNumber: string | null;
  phone: string | null;
  helperPhone: string | null;
  grid: { code: string } | null;
  gridOverride: boolean;
  abilities: Record<string, boolean>;
}
interface Err {
  error: { code: string; message: string; details: { fields: Array<{ field: string }>; problems?: Array<{ zh: string }> } };
}

/** Every value of every row as text, bytea included (decoded as latin1, so ciphertext stays unreadable). */
function rawText(rows: Array<Record<string, unknown>>): string {
  return rows.map((r) => Object.values(r).map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : JSON.stringify(v))).join('|')).join('\n');
}

let elderId = '';

beforeAll(async () => {
  t = await createTestApp();
  await seedRegistryUnits(t.db);
  await t.user('gw1', 'grid_worker', GRID_1);
  await t.user('gw2', 'grid_worker', GRID_2);
  await t.user('comm', 'community_official', '630102001001');
  worker = await t.login('gw1');
  community = await t.login('comm');
});
afterAll(async () => t.close());

describe('people at risk', () => {
  it('registers a person with a checked ID number, masks it everywhere and never stores it in clear', async () => {
    const res = await worker.post('/api/people', {
      category: 'elderly_alone', name: '王奶奶', idNumber: ELDER_ID, phone: ELDER_PHONE, address: '北关街3号', location: IN_GRID_1, helperName: '小李', helperPhone: HELPER_PHONE,
    });
    expect(res.statusCode).toBe(201);
    const p = res.json<Person>();
    elderId = p.id;
    expect(p.idNumber).toBe(`630***********${ELDER_ID.slice(-4)}`);
    expect(p.phone).toBe('138****1234');
    expect(p.helperPhone).toBe('****-***1234');
    expect(p.sex).toBe('female');
    expect(p.grid?.code).toBe(GRID_1);
    expect(p.abilities).toEqual({ edit: true, unmask: false });

    const raw = rawText(await t.db.rows<Record<string, unknown>>(sql`SELECT * FROM people_at_risk`));
    expect(raw).toContain('王奶奶');
    for (const clear of [ELDER_ID, ELDER_PHONE, '8881234', ELDER_ID.slice(6, 14)]) expect(raw).not.toContain(clear);
    const audit = rawText(await t.db.rows<Record<string, unknown>>(sql`SELECT * FROM audit_log`));
    expect(audit).not.toContain(ELDER_ID);
    expect(audit).not.toContain(ELDER_PHONE);

    for (const body of [(await worker.get('/api/people')).body, (await worker.get(`/api/people/${p.id}`)).body, (await community.get('/api/people')).body]) {
      expect(body).not.toContain(ELDER_ID);
      expect(body).not.toContain(ELDER_PHONE);
    }
    const exp = await community.get('/api/people/export');
    expect(exp.statusCode).toBe(200);
    const text = JSON.stringify((await readXlsx(exp.rawPayload)).rows);
    expect(text).toContain('王奶奶');
    expect(text).toContain(`630***********${ELDER_ID.slice(-4)}`);
    expect(text).not.toContain(ELDER_ID);
    expect(text).not.toContain(ELDER_PHONE);
  });

  it('refuses invalid ID numbers with a message that says what is wrong', async () => {
    const base = { category: 'disabled', name: '测试', location: IN_GRID_1 };
    const wrongCheck = ELDER_ID.slice(0, 17) + (ELDER_ID.endsWith('0') ? '1' : '0');
    const cases: Array<[string, string]> = [
      [wrongCheck, `第18位校验码错误：应为“${ELDER_ID.charAt(17)}”`],
      ['63010219450230123X', '第7–14位出生日期“19450230”不是有效日期'],
      ['630102450312123', '15位旧号码需升位为18位'],
      ['63010219450312A23X', '第15位字符“A”不合法：前17位只能是数字'],
      [idNumber('630102', '20990101', '123'), '晚于今天'],
    ];
    for (const [id, zh] of cases) {
      const res = await worker.post('/api/people', { ...base, idNumber: id });
      expect(res.statusCode, id).toBe(400);
      const e = res.json<Err>().error;
      expect(e.details.fields[0]?.field).toBe('body/idNumber');
      expect(e.details.problems?.map((l) => l.zh).join(' ')).toContain(zh);
    }
    const sexMismatch = await worker.post('/api/people', { ...base, idNumber: ELDER_ID, sex: 'male' });
    expect(sexMismatch.statusCode).toBe(400);
    expect(sexMismatch.json<Err>().error.details.fields[0]?.field).toBe('body/sex');
  });

  it('finds a person by the exact ID number through its keyed hash, and refuses a duplicate in the same category', async () => {
    const found = await community.post('/api/people/lookup', { idNumber: ELDER_ID.toLowerCase() });
    expect(found.json<{ items: Person[] }>().items.map((x) => x.id)).toEqual([elderId]);
    expect((await community.post('/api/people/lookup', { idNumber: idNumber('630102', '19500101', '001') })).json<{ items: Person[] }>().items).toEqual([]);
    const gw2 = await t.login('gw2');
    expect((await gw2.post('/api/people/lookup', { idNumber: ELDER_ID })).json<{ items: Person[] }>().items).toEqual([]);
    const dup = await worker.post('/api/people', { category: 'elderly_alone', name: '王奶奶', idNumber: ELDER_ID, location: IN_GRID_1 });
    expect(dup.statusCode).toBe(409);
    const other = await worker.post('/api/people', { category: 'low_income', name: '王奶奶', idNumber: ELDER_ID, location: IN_GRID_1 });
    expect(other.statusCode).toBe(201);
  });

  it('unmasks only for a permitted actor, with a reason, and audits it', async () => {
    expect((await worker.post(`/api/people/${elderId}/unmask`, { reason: '入户走访' })).statusCode).toBe(403);
    expect((await community.post(`/api/people/${elderId}/unmask`, {})).statusCode).toBe(400);
    const res = await community.post(`/api/people/${elderId}/unmask`, { reason: '寒潮期间电话回访' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: elderId, idNumber: ELDER_ID, phone: ELDER_PHONE, helperPhone: HELPER_PHONE });
    expect(res.headers['cache-control']).toBe('no-store');
    const audit = await t.db.one<{ actor_name: string; summary: { reason: string; fields: string[] } }>(sql`SELECT actor_name, summary FROM audit_log WHERE action = 'person.unmask' AND object_id = ${elderId}`);
    expect(audit).toEqual({ actor_name: 'comm', summary: { reason: '寒潮期间电话回访', fields: ['idNumber', 'phone', 'helperPhone'] } });
    const hist = await community.get(`/api/people/${elderId}/history`);
    expect(hist.json<{ items: Array<{ action: string }> }>().items.map((h) => h.action)).toContain('person.unmask');
  });

  it('keeps grid workers to their grid, places people without coordinates by grid code, and moves them', async () => {
    const gw2 = await t.login('gw2');
    expect((await gw2.get(`/api/people/${elderId}`)).statusCode).toBe(404);
    expect((await gw2.get('/api/people')).json<{ items: Person[] }>().items).toEqual([]);
    const noLoc = await gw2.post('/api/people', { category: 'left_behind_child', name: '小明', gridCode: GRID_2 });
    expect(noLoc.statusCode).toBe(201);
    expect(noLoc.json<Person>()).toMatchObject({ grid: { code: GRID_2 }, gridOverride: false });
    const neither = await gw2.post('/api/people', { category: 'left_behind_child', name: '小红' });
    expect(neither.statusCode).toBe(400);
    expect(neither.json<Err>().error.details.fields[0]?.field).toBe('body/location');
    const moved = await community.patch(`/api/people/${elderId}`, { location: IN_GRID_2 });
    expect(moved.json<Person>().grid?.code).toBe(GRID_2);
    expect((await gw2.get(`/api/people/${elderId}`)).statusCode).toBe(200);
    expect((await worker.patch(`/api/people/${elderId}`, { name: 'x' })).statusCode).toBe(404);
  });
});
