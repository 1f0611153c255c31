// The server compiles route schemas on first use; tests otherwise compile them at start. Both must
// validate, coerce and serialize alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/app.js';

let lazy: TestApp;
let eager: TestApp;
beforeAll(async () => {
  [lazy, eager] = await Promise.all([createTestApp({ lazySchemas: true }), createTestApp()]);
  for (const t of [lazy, eager]) await t.user('office', 'district_safety_office');
}, 120_000);
afterAll(async () => Promise.all([lazy.close(), eager.close()]));

const strip = (body: unknown) => JSON.parse(JSON.stringify(body), (k, v: unknown) => (k === 'requestId' || k === 'id' || k === 'csrfToken' || /At$/.test(k) ? '…' : v)) as unknown;

describe('route schemas compiled on first use', () => {
  it('answer bad input with the same 400 and field details as compiled at start', async () => {
    const [a, b] = await Promise.all([lazy, eager].map((t) => t.anonymous().post('/api/auth/login', { username: 'office', password: { x: 1 } })));
    expect(a?.statusCode).toBe(400);
    expect(strip(a?.json())).toEqual(strip(b?.json()));
    expect(JSON.stringify(a?.json())).toMatch(/password/);
  });

  it('coerce query strings and serialize answers the same way', async () => {
    const [c1, c2] = await Promise.all([lazy.login('office'), eager.login('office')]);
    const [me1, me2] = await Promise.all([c1.get('/api/me'), c2.get('/api/me')]);
    expect(me1.statusCode).toBe(200);
    expect(strip(me1.json())).toEqual(strip(me2.json()));
    const [p1, p2] = await Promise.all([c1.get('/api/places?limit=2'), c2.get('/api/places?limit=2')]);
    expect([p1.statusCode, p2.statusCode]).toEqual([200, 200]);
    const [bad1, bad2] = await Promise.all([c1.get('/api/places?limit=abc'), c2.get('/api/places?limit=abc')]);
    expect(bad1.statusCode).toBe(400);
    expect(strip(bad1.json())).toEqual(strip(bad2.json()));
  });
});
