// A grid worker's map shows their grid among the other grids of the community, inside the
// community's outline: the outline of a unit above the worker's own is readable (its name and
// shape only), while the units beside it stay invisible.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { GRID_1, seedRegistryUnits } from '../registries/registries.factories.js';

let t: TestApp;
const ring = (x0: number, y0: number, x1: number, y1: number) => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];

beforeAll(async () => {
  t = await createTestApp();
  await seedRegistryUnits(t.db);
  await t.user('dist', 'district_safety_office', '630102');
  await t.user('gw', 'grid_worker', GRID_1);
  const dist = await t.login('dist');
  const put = await dist.put('/api/units/630102001001/boundary', { geometry: { type: 'Polygon', coordinates: ring(101.69, 36.59, 101.73, 36.62) }, reason: '社区边界' });
  expect(put.statusCode).toBe(200);
  const other = await dist.put('/api/units/630103/boundary', { geometry: { type: 'Polygon', coordinates: ring(101.79, 36.59, 101.82, 36.62) }, reason: '区界' });
  expect([200, 404]).toContain(other.statusCode);
});
afterAll(async () => t.close());

describe('the outline around a grid worker\'s grid', () => {
  it('answers the parent community\'s boundary to the worker of one of its grids', async () => {
    const gw = await t.login('gw');
    const detail = (await gw.get(`/api/units/${GRID_1}`)).json<{ ancestors: Array<{ code: string }> }>();
    const community = detail.ancestors[detail.ancestors.length - 1]?.code;
    expect(community).toBe('630102001001');
    const res = await gw.get(`/api/units/${community ?? ''}/boundary`);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ properties: { code: string }; geometry: { type: string } }>().properties.code).toBe('630102001001');
  });

  it('still hides the boundaries of units outside the worker\'s line, and the history of the one above', async () => {
    const gw = await t.login('gw');
    expect((await gw.get('/api/units/630103/boundary')).statusCode).toBe(404);
    expect((await gw.get('/api/units/630102001001/boundaries')).statusCode).toBe(404);
  });
});
