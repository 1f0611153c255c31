import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/app.js';
import { GRID_1, idNumber, seedRegistryUnits } from '../../test/fixtures/registries.factories.js';

let t: TestApp;
let c: Client;

interface Err {
  error: { code: string; details: { fields: Array<{ field: string }>; problems?: Array<{ zh: string; en: string }> } };
}

beforeAll(async () => {
  t = await createTestApp();
  await seedRegistryUnits(t.db);
  await t.user('gw', 'grid_worker', GRID_1);
  await t.user('dist', 'district_safety_office', '630102');
  await t.user('sys', 'system_admin', 'root');
  c = await t.login('gw');
});
afterAll(async () => t.close());

describe('LEC', () => {
  it('reproduces the reference vectors with the working', async () => {
    const cases: Array<[[number, number, number], number, number, string]> = [
      [[3, 10, 15], 450, 1, 'red'],
      [[6, 6, 3], 108, 3, 'yellow'],
      [[1, 6, 15], 90, 3, 'yellow'],
      [[1, 10, 1], 10, 4, 'blue'],
      [[1, 1, 15], 15, 4, 'blue'],
      [[1, 0.5, 40], 20, 4, 'blue'],
    ];
    for (const [[L, E, C], D, level, colour] of cases) {
      const res = await c.post('/api/calculators/lec', { L, E, C });
      expect(res.statusCode).toBe(200);
      const b = res.json<{ D: number; level: number; colour: string; band: { id: string }; working: Array<{ zh: string }> }>();
      expect([b.D, b.level, b.colour]).toEqual([D, level, colour]);
      expect(b.working.some((w) => w.zh.startsWith(`D = L × E × C = ${L} × ${E} × ${C} = ${D}`))).toBe(true);
    }
    const twenty = (await c.post('/api/calculators/lec', { L: 1, E: 0.5, C: 40 })).json<{ band: { id: string; interval: string } }>();
    expect(twenty.band).toEqual({ id: 'slight', meaning: { zh: '稍有危险，可以接受', en: 'slightly dangerous, acceptable' }, interval: '[0, 20]' });
  });

  it('says which factor is not an allowed value', async () => {
    const res = await c.post('/api/calculators/lec', { L: 2, E: 6, C: 7 });
    expect(res.statusCode).toBe(400);
    const e = res.json<Err>().error;
    expect(e.details.fields.map((f) => f.field)).toEqual(['body/L']);
    expect(e.details.problems?.[0]?.zh).toBe('L（事故发生的可能性）取值 2 不在允许值 10、6、3、1、0.5、0.2、0.1 中');
    expect((await c.post('/api/calculators/lec', { L: 'x', E: 6, C: 7 })).statusCode).toBe(400);
  });
});

describe('LS', () => {
  it('grades the matrix with the default bands (variant A) and refuses values off the scale', async () => {
    const grade = async (L: number, S: number) => (await c.post('/api/calculators/ls', { L, S })).json<{ R: number; level: number; colour: string }>();
    expect(await grade(5, 5)).toMatchObject({ R: 25, level: 1, colour: 'red' });
    expect(await grade(3, 3)).toMatchObject({ R: 9, level: 2, colour: 'orange' });
    expect(await grade(2, 2)).toMatchObject({ R: 4, level: 3, colour: 'yellow' });
    expect(await grade(1, 3)).toMatchObject({ R: 3, level: 4, colour: 'blue' });
    const bad = await c.post('/api/calculators/ls', { L: 6, S: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Err>().error.details.fields[0]?.field).toBe('body/L');
  });
});

describe('GB 18218', () => {
  it('reproduces the worked vectors of the reference', async () => {
    const run = async (items: Array<Record<string, unknown>>, exposedPeople: number) =>
      (await c.post('/api/calculators/major-hazard', { items, exposedPeople })).json<{ S: number; isMajorHazard: boolean; grading: { R: number; level: number; alpha: number } | null; working: Array<{ zh: string }> }>();
    expect(await run([{ chemicalId: 'lpg', quantityT: 100 }], 60)).toMatchObject({ S: 2, isMajorHazard: true, grading: { alpha: 1.5, R: 4.5, level: 4 } });
    expect(await run([{ chemicalId: 'chlorine', quantityT: 20 }], 120)).toMatchObject({ S: 4, grading: { R: 32, level: 3 } });
    expect(await run([{ chemicalId: 'ammonia', quantityT: 200 }], 60)).toMatchObject({ S: 20, grading: { R: 60, level: 2 } });
    const mixed = await run([{ chemicalId: 'chlorine', quantityT: 20 }, { chemicalId: 'ammonia', quantityT: 30 }, { chemicalId: 'lpg', quantityT: 60 }], 45);
    expect(mixed).toMatchObject({ S: 8.2, grading: { alpha: 1.2, R: 28.56, level: 3 } });
    expect(mixed.working.some((w) => w.zh.includes('28.56'))).toBe(true);
    expect(await run([{ chemicalId: 'methanol', quantityT: 400 }], 10)).toMatchObject({ S: 0.8, isMajorHazard: false, grading: null });
    expect(await run([{ category: 'W5.3', quantityT: 2000 }], 0)).toMatchObject({ S: 2, grading: { alpha: 0.5, R: 1, level: 4 } });
    const noCat = await c.post('/api/calculators/major-hazard', { items: [{ quantityT: 3 }], exposedPeople: 1 });
    expect(noCat.statusCode).toBe(400);
    expect(noCat.json<Err>().error.details.problems?.[0]?.zh).toBe('第1项既未选择表1中的危险化学品，也未给出危险性类别（表2）');
  });
});

describe('ID numbers', () => {
  it('checks validity and shows the check-digit working; nothing is stored', async () => {
    const good = idNumber('110105', '19491231', '002');
    const res = (await c.post('/api/calculators/id-number', { idNumber: good })).json<{ valid: boolean; birthDate: string; sex: string; working: Array<{ zh: string }> }>();
    expect(res).toMatchObject({ valid: true, birthDate: '1949-12-31', sex: 'female' });
    expect(res.working.some((w) => w.zh.includes('mod 11'))).toBe(true);
    const bad = (await c.post('/api/calculators/id-number', { idNumber: '11010519491231002X' })).json<{ valid: boolean; errors: Array<{ code: string }>; expectedCheck: string }>();
    expect(bad.valid).toBe(good.endsWith('X'));
    if (!bad.valid) expect(bad.errors.map((e) => e.code)).toEqual(['id.check_mismatch']);
    expect(bad.expectedCheck).toBe(good.charAt(17));
  });
});

describe('small places and grades', () => {
  it('suggests a nine-small-place kind from the local thresholds (以下 inclusive)', async () => {
    const hotel = (await c.post('/api/calculators/small-place-kind', { use: 'hotel', beds: 50 })).json<{ matches: Array<{ placeKind: string }> }>();
    expect(hotel.matches.map((m) => m.placeKind)).toEqual(['small_lodging']);
    const big = (await c.post('/api/calculators/small-place-kind', { use: 'hotel', beds: 51 })).json<{ matches: unknown[]; working: Array<{ zh: string }> }>();
    expect(big.matches).toEqual([]);
    expect(big.working.some((w) => w.zh.includes('床位数 51'))).toBe(true);
    const unknown = await c.post('/api/calculators/small-place-kind', { use: 'castle' });
    expect(unknown.json<Err>().error.details.fields[0]?.field).toBe('body/use');
  });

  it('previews a grade by the current rubric', async () => {
    const r = (await c.post('/api/calculators/place-grade', { inputs: { openMajorHazards: 0, failedChecklistItems: 0, threeInOne: 'none', fireFacilities: 'complete', escapeRoutes: 'blocked', training: 'all' } })).json<{ total: number; scoreGrade: string; grade: string; cappedBy: string[] }>();
    expect(r).toMatchObject({ total: 90, scoreGrade: 'A', grade: 'C', cappedBy: ['escapeRoutes'] });
  });
});

describe('rule sets', () => {
  it('lists the tables with their confidence, and edits need the permission at district level', async () => {
    const list = (await c.get('/api/rule-sets')).json<{ items: Array<{ kind: string; isDefault: boolean; confidence: string }> }>().items;
    expect(list.map((i) => i.kind)).toContain('lec.bands');
    expect(list.find((i) => i.kind === 'place-grading')).toMatchObject({ isDefault: true, confidence: 'unconfirmed' });
    const cur = (await c.get('/api/rule-sets/lec.bands')).json<{ data: { bands: Array<{ id: string; interval: Record<string, unknown> }> }; canEdit: boolean }>();
    expect(cur.canEdit).toBe(false);
    expect((await c.put('/api/rule-sets/lec.bands', { data: cur.data, note: '网格员试改' })).statusCode).toBe(403);
    const dist = await t.login('dist');
    const gap = { ...cur.data, bands: cur.data.bands.filter((b) => b.id !== 'high') };
    const bad = await dist.put('/api/rule-sets/lec.bands', { data: gap, note: '漏了一档' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Err>().error.details.problems?.[0]?.zh).toContain('未覆盖');
    const shape = await dist.put('/api/rule-sets/lec.bands', { data: { bands: [{ id: 'x' }] }, note: '格式不对' });
    expect(shape.statusCode).toBe(400);
    expect(shape.json<Err>().error.details.fields[0]?.field).toMatch(/^body\/data\/bands\/0/);
    const inclusive = { ...cur.data, bands: cur.data.bands.map((b) => (b.id === 'possible' ? { ...b, interval: { ...b.interval, minInclusive: true } } : b.id === 'slight' ? { ...b, interval: { ...b.interval, maxInclusive: false } } : b)) };
    expect((await dist.put('/api/rule-sets/lec.bands', { data: inclusive, note: '20 计入一般危险' })).statusCode).toBe(200);
    const twenty = (await c.post('/api/calculators/lec', { L: 1, E: 0.5, C: 40 })).json<{ band: { id: string }; tables: { bands: { version: string } } }>();
    expect(twenty.band.id).toBe('possible');
    expect(twenty.tables.bands.version).toBe('classic-5-bands-lower-exclusive-1+local.1');
    const hist = (await dist.get('/api/rule-sets/lec.bands')).json<{ versions: Array<{ version: string; note: string; active: boolean }> }>();
    expect(hist.versions).toEqual([expect.objectContaining({ version: 'classic-5-bands-lower-exclusive-1+local.1', note: '20 计入一般危险', active: true })]);
  });

  it('needs calculator.use', async () => {
    const sys = await t.login('sys');
    expect((await sys.post('/api/calculators/lec', { L: 1, E: 1, C: 1 })).statusCode).toBe(403);
  });
});
