import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/app.js';
import { sql } from '../../db/client.js';
import { GRID_1, GRID_2, IN_GRID_1, IN_GRID_2, IN_GRID_3, seedRegistryUnits, uscc } from '../../test/fixtures/registries.factories.js';

let t: TestApp;
let district: Client;

interface Ent {
  id: string;
  uscc: string;
  name: string;
  industryCode: string;
  grid: { code: string } | null;
  principalPhone: string | null;
  majorHazardLevel: number | null;
  riskLevel: number | null;
  riskColour: string | null;
  abilities: Record<string, boolean>;
}
interface Err {
  error: { code: string; message: string; details: { fields: Array<{ field: string; message: string }>; problems?: Array<{ zh: string; en: string }> } };
}

const CHEM = uscc('91630102MA7ABCDE1');
const CHEM2 = uscc('91630102MA7ABCDE2');
const FOOD = uscc('91630102MA7ABCDF3');
const FAR = uscc('91630103MA7ABCDF4');
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  await seedRegistryUnits(t.db);
  await t.user('dist', 'district_safety_office', '630102');
  await t.user('dist2', 'district_safety_office', '630103');
  district = await t.login('dist');
  const mk = async (c: Client, code: string, name: string, industryCode: string, location: { lng: number; lat: number }) => {
    const res = await c.post('/api/enterprises', { uscc: code, name, industryCode, location, principalName: '张三', principalPhone: '13912345678' });
    expect(res.statusCode).toBe(201);
    return res.json<Ent>();
  };
  ids.chem = (await mk(district, CHEM, '青海某化工有限公司', 'C2614', IN_GRID_1)).id;
  ids.chem2 = (await mk(district, CHEM2, '另一化工厂', 'C2619', IN_GRID_2)).id;
  ids.food = (await mk(district, FOOD, '某食品厂', 'C1491', IN_GRID_1)).id;
  ids.far = (await mk(await t.login('dist2'), FAR, '城中区化工厂', 'C2614', IN_GRID_3)).id;
  await t.user('ind', 'industry_department', '630102', { industry: 'C26' });
  await t.user('ent', 'enterprise_user', '630102', { enterpriseId: ids.chem });
});
afterAll(async () => t.close());

describe('credit codes', () => {
  it('refuses an invalid USCC with a message that says what is wrong', async () => {
    const wrongCheck = CHEM.slice(0, 17) + (CHEM.endsWith('0') ? '1' : '0');
    const bad = await district.post('/api/enterprises', { uscc: wrongCheck, name: 'x', industryCode: 'C2614', location: IN_GRID_1 });
    expect(bad.statusCode).toBe(400);
    const e = bad.json<Err>().error;
    expect(e.details.fields[0]?.field).toBe('body/uscc');
    expect(e.message).toContain(`expected "${CHEM.charAt(17)}"`);
    expect(e.details.problems?.[0]?.zh).toContain(`第18位校验码错误：应为“${CHEM.charAt(17)}”`);

    const illegal = await district.post('/api/enterprises', { uscc: '91630102MA7ABCDEI' + 'X', name: 'x', industryCode: 'C2614', location: IN_GRID_1 });
    expect(illegal.json<Err>().error.message).toContain('Illegal character "I" at position 17');
    const short = await district.post('/api/enterprises', { uscc: '9163010', name: 'x', industryCode: 'C2614', location: IN_GRID_1 });
    expect(short.json<Err>().error.details.problems?.[0]?.zh).toBe('统一社会信用代码应为18位，实际为7位');
    const dup = await district.post('/api/enterprises', { uscc: CHEM.toLowerCase(), name: 'again', industryCode: 'C2614', location: IN_GRID_1 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json<Err>().error.details.fields[0]?.field).toBe('body/uscc');
  });

  it('checks codes with the calculator too, showing the working', async () => {
    const res = await district.post('/api/calculators/uscc', { code: CHEM });
    const body = res.json<{ valid: boolean; working: Array<{ en: string }>; parts: { authorityName: { zh: string } } }>();
    expect(body.valid).toBe(true);
    expect(body.parts.authorityName.zh).toBe('工商（市场监管）');
    expect(body.working.some((w) => w.en.includes('check passes'))).toBe(true);
    const bad = await district.post('/api/calculators/uscc', { code: CHEM.slice(0, 17) + 'Z' });
    expect(bad.json<{ valid: boolean; errors: Array<{ code: string }> }>().errors.map((x) => x.code)).toContain('uscc.illegal_char');
  });
});

describe('who sees which enterprise', () => {
  it('an industry department sees only its industry in its area; an enterprise user only their own', async () => {
    const ind = await t.login('ind');
    const list = (await ind.get('/api/enterprises?limit=200')).json<{ items: Ent[] }>().items;
    expect(list.map((e) => e.name).sort()).toEqual(['另一化工厂', '青海某化工有限公司']);
    expect((await ind.get(`/api/enterprises/${ids.food}`)).statusCode).toBe(404);
    expect((await ind.get(`/api/enterprises/${ids.far}`)).statusCode).toBe(404);
    const okEdit = await ind.patch(`/api/enterprises/${ids.chem2}`, { employees: 120 });
    expect(okEdit.statusCode).toBe(200);
    const moveOut = await ind.patch(`/api/enterprises/${ids.chem2}`, { industryCode: 'C1491' });
    expect(moveOut.statusCode).toBe(403);

    const ent = await t.login('ent');
    const mine = (await ent.get('/api/enterprises')).json<{ items: Ent[] }>().items;
    expect(mine.map((e) => e.id)).toEqual([ids.chem]);
    expect((await ent.get(`/api/enterprises/${ids.chem2}`)).statusCode).toBe(404);
    expect((await ent.get(`/api/enterprises/${ids.food}`)).statusCode).toBe(404);
    const own = await ent.patch(`/api/enterprises/${ids.chem}/own`, { safetyManagerName: '李四', safetyManagerPhone: '13700001111', employees: 80 });
    expect(own.statusCode).toBe(200);
    expect(own.json<Ent & { safetyManagerPhone: string }>().safetyManagerPhone).toBe('137****1111');
    expect((await ent.patch(`/api/enterprises/${ids.chem2}/own`, { employees: 1 })).statusCode).toBe(404);
    expect((await ent.patch(`/api/enterprises/${ids.chem}`, { name: '改名' })).statusCode).toBe(403);
    const ownWithName = await ent.patch(`/api/enterprises/${ids.chem}/own`, { name: '改名' });
    expect(ownWithName.statusCode).toBe(400);
  });

  it('places of an enterprise are visible to its users and its industry department only', async () => {
    const p = await district.post('/api/places', { name: '化工厂仓库', kind: 'hazmat_site', location: IN_GRID_1, enterpriseId: ids.chem });
    const q = await district.post('/api/places', { name: '食品厂车间', kind: 'plant', location: IN_GRID_1, enterpriseId: ids.food });
    expect(p.statusCode).toBe(201);
    const ent = await t.login('ent');
    expect((await ent.get('/api/places')).json<{ items: Array<{ name: string }> }>().items.map((x) => x.name)).toEqual(['化工厂仓库']);
    expect((await ent.get(`/api/places/${q.json<Ent>().id}`)).statusCode).toBe(404);
    const ind = await t.login('ind');
    expect((await ind.get('/api/places')).json<{ items: Array<{ name: string }> }>().items.map((x) => x.name)).toEqual(['化工厂仓库']);
  });

  it('moves an enterprise to the grid of its new location, stores phones encrypted only', async () => {
    const res = await district.patch(`/api/enterprises/${ids.food}`, { location: IN_GRID_2 });
    expect(res.json<Ent>().grid?.code).toBe(GRID_2);
    const raw = await t.db.rows<Record<string, unknown>>(sql`SELECT * FROM enterprises`);
    expect(JSON.stringify(raw)).not.toContain('13912345678');
    expect(raw.every((r) => Buffer.isBuffer(r.principal_phone_enc))).toBe(true);
    const back = await district.patch(`/api/enterprises/${ids.food}`, { location: IN_GRID_1 });
    expect(back.json<Ent>().grid?.code).toBe(GRID_1);
  });
});

describe('major hazard sources (GB 18218-2018)', () => {
  it('reproduces the worked examples through the records and keeps inputs, result and table versions together', async () => {
    const mixed = await district.post(`/api/enterprises/${ids.chem}/major-hazards`, {
      name: '液氯液氨罐区', unitKind: 'storage', exposedPeople: 45,
      items: [{ chemicalId: 'chlorine', quantityT: 20 }, { chemicalId: 'ammonia', quantityT: 30 }, { chemicalId: 'lpg', quantityT: 60 }],
    });
    expect(mixed.statusCode).toBe(201);
    const m = mixed.json<{ id: string; result: { S: number; isMajorHazard: boolean; grading: { alpha: number; R: number; level: number }; working: Array<{ zh: string }> }; ruleSetVersion: string }>();
    expect(m.result.S).toBe(8.2);
    expect(m.result.grading.alpha).toBe(1.2);
    expect(m.result.grading.R).toBe(28.56);
    expect(m.result.grading.level).toBe(3);
    expect(m.ruleSetVersion).toContain('gb18218.table3.toxic-gas-beta@2018');
    const stored = await t.db.one<{ s: number; r: number; level: number; items: unknown[]; result: { inputs: { exposedPeople: number } } }>(sql`SELECT s, r, level, items, result FROM major_hazard_sources WHERE id = ${m.id}::bigint`);
    expect(Number(stored?.r)).toBe(28.56);
    expect(stored?.result.inputs.exposedPeople).toBe(45);

    const ammonia = await district.post(`/api/enterprises/${ids.chem}/major-hazards`, { name: '液氨储罐', unitKind: 'storage', exposedPeople: 60, items: [{ chemicalId: 'ammonia', quantityT: 200 }] });
    expect(ammonia.json<{ result: { grading: { R: number; level: number } } }>().result.grading).toMatchObject({ R: 60, level: 2 });
    const methanol = await district.post(`/api/enterprises/${ids.chem}/major-hazards`, { name: '甲醇罐', unitKind: 'storage', exposedPeople: 10, items: [{ chemicalId: 'methanol', quantityT: 400 }] });
    expect(methanol.json<{ result: { S: number; isMajorHazard: boolean; grading: null } }>().result).toMatchObject({ S: 0.8, isMajorHazard: false, grading: null });

    const e = (await district.get(`/api/enterprises/${ids.chem}`)).json<Ent>();
    expect(e.majorHazardLevel).toBe(2);
    const ammoniaId = ammonia.json<{ id: string }>().id;
    expect((await district.delete(`/api/major-hazards/${ammoniaId}`)).statusCode).toBe(200);
    expect((await district.get(`/api/enterprises/${ids.chem}`)).json<Ent>().majorHazardLevel).toBe(3);

    const lpg = await district.put(`/api/major-hazards/${m.id}`, { name: '液化气罐区', unitKind: 'storage', exposedPeople: 60, items: [{ chemicalId: 'lpg', quantityT: 100 }] });
    expect(lpg.json<{ result: { grading: { R: number; level: number } } }>().result.grading).toMatchObject({ R: 4.5, level: 4 });
    expect((await district.get('/api/enterprises?majorHazard=true')).json<{ items: Ent[] }>().items.map((x) => x.id)).toEqual([ids.chem]);

    const bad = await district.post(`/api/enterprises/${ids.chem}/major-hazards`, { name: 'x', unitKind: 'storage', exposedPeople: 1, items: [{ chemicalId: 'unobtainium', quantityT: 1 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Err>().error.details.fields[0]?.field).toBe('body/items/0');
  });

  it('lets the enterprise user maintain their own sources and projects but not another enterprise\'s', async () => {
    const ent = await t.login('ent');
    const own = await ent.post(`/api/enterprises/${ids.chem}/major-hazards`, { name: '自报罐区', unitKind: 'storage', exposedPeople: 120, items: [{ chemicalId: 'chlorine', quantityT: 20 }] });
    expect(own.statusCode).toBe(201);
    expect(own.json<{ result: { grading: { R: number; level: number } } }>().result.grading).toMatchObject({ R: 32, level: 3 });
    expect((await ent.post(`/api/enterprises/${ids.chem2}/major-hazards`, { name: 'x', unitKind: 'storage', exposedPeople: 1, items: [{ chemicalId: 'chlorine', quantityT: 1 }] })).statusCode).toBe(404);
    const proj = await ent.post(`/api/enterprises/${ids.chem}/projects`, { name: '二期扩建', constructionStartedOn: '2025-05-01', putIntoUseOn: '2026-01-10' });
    expect(proj.statusCode).toBe(201);
    const p = proj.json<{ id: string; stage: string; warnings: Array<{ en: string }> }>();
    expect(p.stage).toBe('in_use');
    expect(p.warnings.map((w) => w.en)).toEqual([
      'construction started without a recorded safety-facility design review',
      'in use without the safety-facility completion acceptance',
    ]);
    const fixed = await ent.patch(`/api/enterprise-projects/${p.id}`, { designReviewOn: '2025-03-01', completedOn: '2025-12-01', acceptanceOn: '2026-01-05' });
    expect(fixed.json<{ stage: string; warnings: unknown[] }>()).toMatchObject({ stage: 'accepted', warnings: [] });
    const dist2 = await t.login('dist2');
    expect((await dist2.patch(`/api/enterprise-projects/${p.id}`, { name: 'x' })).statusCode).toBe(404);
  });
});

describe('risk points', () => {
  it('assesses by LEC and LS, colours the subject by its highest risk, and keeps the band table version', async () => {
    const lec = await district.post(`/api/enterprises/${ids.food}/risk-points`, { name: '加油站卸油区', method: 'lec', inputs: { L: 3, E: 10, C: 15 } });
    expect(lec.statusCode).toBe(201);
    const l = lec.json<{ id: string; value: number; level: number; colour: string; table: { id: string; version: string }; working: Array<{ zh: string }> }>();
    expect(l).toMatchObject({ value: 450, level: 1, colour: 'red', table: { id: 'lec.bands', version: 'classic-5-bands-lower-exclusive-1' } });
    expect(l.working.some((w) => w.zh.includes('D = L × E × C = 3 × 10 × 15 = 450'))).toBe(true);
    const ls = await district.post(`/api/enterprises/${ids.food}/risk-points`, { name: '配电房', method: 'ls', inputs: { L: 3, S: 3 } });
    expect(ls.json<{ value: number; level: number; colour: string }>()).toMatchObject({ value: 9, level: 2, colour: 'orange' });
    expect((await district.get(`/api/enterprises/${ids.food}`)).json<Ent>()).toMatchObject({ riskLevel: 1, riskColour: 'red' });
    expect((await district.get('/api/enterprises?risk=red')).json<{ items: Ent[] }>().items.map((x) => x.id)).toEqual([ids.food]);
    await district.delete(`/api/risk-points/${l.id}`);
    expect((await district.get(`/api/enterprises/${ids.food}`)).json<Ent>()).toMatchObject({ riskLevel: 2, riskColour: 'orange' });
    const badL = await district.post(`/api/enterprises/${ids.food}/risk-points`, { name: 'x', method: 'lec', inputs: { L: 4, E: 10, C: 15 } });
    expect(badL.statusCode).toBe(400);
    expect(badL.json<Err>().error.details.fields[0]?.field).toBe('body/L');
    expect(badL.json<Err>().error.details.problems?.[0]?.zh).toContain('不在允许值');
    const ind = await t.login('ind');
    expect((await ind.post(`/api/enterprises/${ids.food}/risk-points`, { name: 'x', method: 'ls', inputs: { L: 1, S: 1 } })).statusCode).toBe(404);
  });

  it('uses an edited LS band table for new assessments only', async () => {
    const cur = await district.get('/api/rule-sets/ls.bands');
    const data = cur.json<{ data: { bands: Array<{ id: string; interval: { min: number; max: number } }> } }>().data;
    const variantB = { ...data, bands: data.bands.map((b) => (b.id === 'considerable' ? { ...b, interval: { ...b.interval, min: 10 } } : b.id === 'general' ? { ...b, interval: { ...b.interval, max: 9 } } : b)) };
    const saved = await district.put('/api/rule-sets/ls.bands', { data: variantB, note: '采用变体B' });
    expect(saved.statusCode).toBe(200);
    const p = await district.post(`/api/enterprises/${ids.chem2}/risk-points`, { name: '反应釜', method: 'ls', inputs: { L: 3, S: 3 } });
    expect(p.json<{ level: number; table: { version: string } }>()).toMatchObject({ level: 3, table: { version: 'zgmkw-1+local.1' } });
    const old = (await district.get(`/api/enterprises/${ids.food}/risk-points`)).json<{ items: Array<{ name: string; level: number; table: { version: string } }> }>().items;
    expect(old.find((x) => x.name === '配电房')).toMatchObject({ level: 2, table: { version: 'zgmkw-1' } });
  });
});
