// What PostgreSQL cannot store or compute with is refused at the door with 400 naming the field:
// NUL and unpaired surrogates anywhere, ids past the bigint range, non-finite numbers, impossible
// dates, malformed multipart bodies; a data exception that still reaches the database is a 400.
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../test/app.js';
import { sql } from '../db/client.js';
import { registerErrorHandler, sqlState } from './errors.js';
import type { Schema } from '../test/schema-arbitrary.js';

let t: TestApp;
let c: Client;
beforeAll(async () => {
  t = await createTestApp();
  await t.user('dist', 'district_safety_office');
  c = await t.login('dist');
});
afterAll(async () => t.close());

type Err = { error: { code: string; details?: { fields?: Array<{ field: string; message: string }>; sqlState?: string } } };
const fields = (res: { json: <T>() => T }) => (res.json<Err>().error.details?.fields ?? []).map((f) => f.field);

describe('the input guard', () => {
  it('refuses an id past the bigint range and accepts the largest bigint', async () => {
    const over = await c.get('/api/places/9223372036854775808');
    expect(over.statusCode).toBe(400);
    expect(fields(over)).toEqual(['params/id']);
    expect((await c.get('/api/places/99999999999999999999')).statusCode).toBe(400);
    expect((await c.get('/api/places/9223372036854775807')).statusCode).toBe(404);
  });

  it('refuses a number that is not finite, in the query and in a JSON body', async () => {
    const q = await c.get('/api/places?limit=1e309');
    expect(q.statusCode).toBe(400);
    expect(fields(q)).toEqual(['querystring/limit']);
    const b = await c.request('POST', '/api/calculators/lec', '{"L":1e309,"E":1,"C":1}', { 'content-type': 'application/json' });
    expect(b.statusCode).toBe(400);
    expect(fields(b)).toContain('body/L');
  });

  it('refuses NUL and unpaired surrogates in the query, the body, its keys and the headers', async () => {
    const q = await c.get('/api/places?q=%00');
    expect(q.statusCode).toBe(400);
    expect(fields(q)).toEqual(['querystring/q']);
    const lone = await c.request('POST', '/api/places', '{"name":"a\\ud800b","kind":"shop"}', { 'content-type': 'application/json' });
    expect(lone.statusCode).toBe(400);
    expect(fields(lone)).toEqual(['body/name']);
    const key = await c.request('POST', '/api/places', '{"name":"x","tags":["ok","\\u0000"]}', { 'content-type': 'application/json' });
    expect(fields(key)).toEqual(['body/tags/1']);
    const header = await c.request('GET', '/api/places', undefined, { 'x-client': 'a\u0000b' });
    expect(header.statusCode).toBe(400);
    expect(fields(header)).toEqual(['headers/x-client']);
    // Paired surrogates (an emoji) are fine.
    expect((await c.get(`/api/places?q=${encodeURIComponent('😀')}`)).statusCode).toBe(200);
  });

  it('refuses impossible calendar dates and years outside 1900–2099', async () => {
    for (const d of ['9999-99-99', '2026-02-30', '2025-02-29', '0001-01-01', '2100-01-01']) {
      const res = await c.get(`/api/hazards/stats?from=${d}&to=2026-12-31`);
      expect(res.statusCode, d).toBe(400);
      expect(fields(res), d).toContain('querystring/from');
    }
    expect((await c.get('/api/hazards/stats?from=2024-02-29&to=2026-12-31')).statusCode).toBe(200);
  });

  it('answers a malformed multipart body with 400', async () => {
    const cut = '--B\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG';
    for (const [type, body] of [['multipart/form-data; boundary=B', cut], ['multipart/form-data; boundary=B', '--x\r\n\r\n'], ['multipart/form-data', '--B\r\n']]) {
      const res = await c.request('POST', '/api/files?purpose=photo', body, { 'content-type': type! });
      expect(res.statusCode, body).toBe(400);
    }
  });

  it('stores checklist place kinds with commas, quotes and braces as given (array parameters, not literals)', async () => {
    const kinds = ['a,b', 'say "x"', '{c}', 'back\\slash', 'NULL'];
    const res = await c.post('/api/checklists', {
      code: 'fuzz.kinds', name: { zh: '检查表', en: 'Checklist' }, target: 'place', placeKinds: kinds,
      items: [{ key: 'k1', text: { zh: '消防通道畅通', en: 'Fire lanes clear' }, answerType: 'pass_fail' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.db.one<{ place_kinds: string[] }>(sql`SELECT place_kinds FROM checklist_templates WHERE code = 'fuzz.kinds'`);
    expect(row?.place_kinds).toEqual(kinds);
  });
});

describe('database data exceptions', () => {
  it('reads the SQLSTATE of a database error', async () => {
    const e = await t.db.one(sql`SELECT 'x'::int`).catch((err: unknown) => err);
    expect(sqlState(e)).toBe('22P02');
  });

  it('answers SQLSTATE class 22 with 400, not 500', async () => {
    const app = Fastify();
    registerErrorHandler(app);
    app.get('/bad-int', async () => t.db.one(sql`SELECT ${'12x'}::int`));
    app.get('/bad-date', async () => t.db.one(sql`SELECT ${'2026-02-30'}::date`));
    app.get('/other', async () => t.db.one(sql`SELECT * FROM no_such_table`));
    const int = await app.inject('/bad-int');
    expect(int.statusCode).toBe(400);
    expect(int.json<Err>().error.details?.sqlState).toBe('22P02');
    expect((await app.inject('/bad-date')).statusCode).toBe(400);
    expect((await app.inject('/other')).statusCode).toBe(500); // not a data exception: still a server error
    await app.close();
  });
});

describe('the contracts', () => {
  function unbounded(s: Schema | undefined, at: string, out: string[]): void {
    if (!s || typeof s !== 'object') return;
    const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    if (types.includes('number') || types.includes('integer')) {
      const lo = s.minimum ?? s.exclusiveMinimum;
      const hi = s.maximum ?? s.exclusiveMaximum;
      if (!Number.isFinite(lo) || !Number.isFinite(hi)) out.push(at);
    }
    for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) unbounded(alt, at, out);
    for (const [k, p] of Object.entries(s.properties ?? {})) unbounded(p, `${at}/${k}`, out);
    for (const p of Object.values(s.patternProperties ?? {})) unbounded(p, `${at}/*`, out);
    if (typeof s.additionalProperties === 'object') unbounded(s.additionalProperties, `${at}/*`, out);
    if (s.items) unbounded(s.items, `${at}/0`, out);
  }

  it('gives every number a route accepts explicit bounds', () => {
    const out: string[] = [];
    for (const r of t.routes) {
      for (const part of ['params', 'querystring', 'body', 'headers'] as const) {
        unbounded(r.schema?.[part] as Schema | undefined, `${r.method} ${r.url} ${part}`, out);
      }
    }
    expect([...new Set(out)]).toEqual([]);
  });
});
