// Property-based route test: every route of the OpenAPI document — admin, auth, DELETE, the
// public portal and Open311 (JSON and XML) included — is called with generated path ids, query
// strings and bodies, valid and hostile, as a user whose role may call it; no answer may be a 5xx.
// FUZZ_RUNS sets the number of requests per route (`npm run fuzz` runs many more), FUZZ_SEED
// replays a run.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLES, ROLE_CODES, type BuiltinRole, type Permission } from '../../common/permissions.js';
import type { RouteRecord } from '../app.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../test/app.js';
import { arbitraryFor, hostile, Raw, requestValue, toJsonText, type Schema } from '../test/schema-arbitrary.js';
import { IN_GRID1, seedEnterprise, seedGeoTree } from '../test/fixtures/hazards.fixtures.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 5);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);

let t: TestApp;
let enterpriseId: string;
const unitOf: Record<BuiltinRole, string> = {
  grid_worker: '630102001001001',
  community_official: '630102001001',
  street_official: '630102001',
  district_safety_office: 'root',
  industry_department: 'root',
  enterprise_user: '630102001001001',
  system_admin: 'root',
  security_admin: 'root',
  audit_admin: 'root',
};
// The role that calls a route needing a permission: the broadest that holds it.
const PREFERENCE: BuiltinRole[] = ['district_safety_office', 'street_official', 'community_official', 'grid_worker', 'industry_department', 'enterprise_user', 'system_admin', 'security_admin', 'audit_admin'];

interface Session {
  cookie: string;
  csrf: string;
}
const sessions = new Map<BuiltinRole, Session>();
let userSerial = 0;

/** A fresh user of the role, logged in (the fuzzing may lock, disable or log out the last one). */
async function freshSession(role: BuiltinRole): Promise<Session> {
  const name = `fz_${role}_${++userSerial}`;
  await t.user(name, role, unitOf[role], { ...(role === 'industry_department' ? { industry: 'C' } : {}), ...(role === 'enterprise_user' ? { enterpriseId } : {}) });
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: name, password: TEST_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login ${name}: ${res.statusCode} ${res.body}`);
  const sid = res.cookies.find((c) => c.name === 'sg_sid')?.value ?? '';
  const s = { cookie: `sg_sid=${sid}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
  sessions.set(role, s);
  return s;
}

function roleFor(access: string | undefined): BuiltinRole | null {
  if (access === 'public' || access === undefined) return null;
  if (access === 'authenticated') return 'grid_worker';
  return PREFERENCE.find((r) => BUILTIN_ROLES[r].permissions.includes(access as Permission)) ?? 'district_safety_office';
}

interface Req {
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

function paramNames(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]!);
}

function text(v: unknown): string {
  if (v instanceof Raw) return v.token;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v) ?? '';
}

function queryString(q: unknown): string {
  if (!q || typeof q !== 'object') return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(q as Record<string, unknown>)) {
    for (const one of Array.isArray(v) ? v : [v]) if (one !== undefined) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(text(one))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

const BOUNDARY = 'sgfuzzboundary';
function multipart(fields: Record<string, string>, file: Buffer | null): Buffer {
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="x.png"\r\nContent-Type: image/png\r\n\r\n`), file, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

const PNG_HEAD = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

/** Bodies for a route: JSON (valid or mixed), raw junk, form-encoded, multipart (well-formed or cut). */
function bodyArb(r: RouteRecord): fc.Arbitrary<{ type: string; payload: string | Buffer } | null> {
  const schema = r.schema?.body as Schema | undefined;
  const consumes = r.schema?.consumes ?? ['application/json'];
  const json = requestValue(schema ?? { type: 'object', properties: {} }).map((v) => ({ type: 'application/json', payload: toJsonText(v) }));
  const validJson = arbitraryFor(schema ?? { type: 'object', properties: {} }, 'valid').map((v) => ({ type: 'application/json', payload: toJsonText(v) }));
  const junk = fc.constantFrom('{', '[', '"\\u0000"', 'null', '{"a":1e309}', '{"\\ud800":1}', '\u0000', '{"__proto__":{"x":1}}', '[]'.repeat(3)).map((p) => ({ type: 'application/json', payload: p }));
  const arbs: Array<fc.WeightedArbitrary<{ type: string; payload: string | Buffer } | null>> = [
    { arbitrary: validJson, weight: 4 },
    { arbitrary: json, weight: 4 },
    { arbitrary: junk, weight: 1 },
  ];
  if (consumes.includes('application/x-www-form-urlencoded')) {
    arbs.push({ arbitrary: requestValue(schema).map((v) => ({ type: 'application/x-www-form-urlencoded', payload: queryString(v).slice(1) })), weight: 3 });
  }
  if (consumes.includes('multipart/form-data')) {
    const mp = fc.tuple(
      fc.dictionary(fc.constantFrom('data', 'file', 'kind', 'x\u0000', 'photos'), fc.oneof(fc.string({ maxLength: 30 }), hostile.map(text), validJson.map((j) => String(j.payload))), { maxKeys: 3 }),
      fc.oneof(fc.constant(null), fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.concat([PNG_HEAD, Buffer.from(a)]))),
      fc.nat(12),
    ).map(([fields, file, cut]) => {
      const whole = multipart(fields, file);
      // Often cut short or with a mangled boundary: a malformed multipart body.
      const payload = cut === 0 ? whole.subarray(0, Math.floor(whole.length / 2)) : cut === 1 ? Buffer.from(whole.toString('latin1').replaceAll(BOUNDARY, 'other'), 'latin1') : cut === 2 ? Buffer.from('--x\r\n\r\n') : whole;
      return { type: cut === 3 ? 'multipart/form-data' : `multipart/form-data; boundary=${BOUNDARY}`, payload };
    });
    arbs.push({ arbitrary: mp, weight: 6 });
  }
  return fc.oneof(...arbs);
}

function requestArb(r: RouteRecord): fc.Arbitrary<Req> {
  const paramsSchema = (r.schema?.params as Schema | undefined) ?? { type: 'object', properties: Object.fromEntries(paramNames(r.url).map((p) => [p, { type: 'string' }])), required: paramNames(r.url) };
  const params = requestValue(paramsSchema);
  const query = r.schema?.querystring ? requestValue(r.schema.querystring) : fc.constant({});
  const withBody = r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH';
  const body = withBody ? bodyArb(r) : fc.constant(null);
  const lang = fc.constantFrom('zh-CN', 'en', '', 'x'.repeat(300), '*;q=1e309');
  return fc.tuple(params, query, body, lang).map(([p, q, b, l]) => {
    let url = r.url;
    for (const name of paramNames(r.url)) {
      const v = p && typeof p === 'object' ? (p as Record<string, unknown>)[name] : undefined;
      url = url.replace(`:${name}`, encodeURIComponent(v === undefined ? '1' : text(v)) || '1');
    }
    url = url.replace(/\*$/, 'x');
    const headers: Record<string, string> = { 'accept-language': l };
    if (b) headers['content-type'] = b.type;
    return { url: url + queryString(q), headers, ...(b ? { payload: b.payload } : {}) };
  });
}

beforeAll(async () => {
  t = await createTestApp();
  await seedGeoTree(t.db);
  enterpriseId = await seedEnterprise(t.db, { name: '北关机械厂', at: IN_GRID1, industry: 'C34' });
  for (const role of ROLE_CODES) await freshSession(role);
});
afterAll(async () => t.close());

// Writes first (they make records the later reads, updates and deletes find), deletes last,
// logout and the session routes at the very end.
function order(r: RouteRecord): number {
  if (r.url.includes('/auth/')) return 5;
  return { POST: 0, PUT: 1, PATCH: 1, GET: 2, DELETE: 4 }[r.method] ?? 3;
}

describe('every route answers any input without a 5xx', () => {
  it('has every OpenAPI route to walk', async () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{([^}]+)\}/g, ':$1')}`));
    const walked = new Set(t.routes.map((r) => `${r.method} ${r.url}`));
    expect(documented.length).toBeGreaterThan(150);
    expect(documented.filter((d) => !walked.has(d))).toEqual([]);
  });

  it(`${RUNS} generated requests per route (seed ${SEED})`, async () => {
    const routes = t.routes
      .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS' && !r.url.startsWith('/api/docs'))
      .sort((a, b) => order(a) - order(b));
    const failures: string[] = [];
    let calls = 0;
    const hist: Record<number, number> = {};
    for (const [i, r] of routes.entries()) {
      const role = roleFor(r.access);
      await fc.assert(
        fc.asyncProperty(requestArb(r), async (req) => {
          let session = role ? sessions.get(role) : undefined;
          const send = async () => {
            calls++;
            const headers = { ...req.headers, ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}) };
            return t.app.inject({ method: r.method as 'GET', url: req.url, headers, ...(req.payload !== undefined ? { payload: req.payload } : {}) });
          };
          let res = await send();
          // The session may have been ended by an earlier call (logout, a disabled user, a lockout): log in again.
          if (role && (res.statusCode === 401 || (res.statusCode === 403 && res.body.includes('PASSWORD_CHANGE_REQUIRED')))) {
            session = await freshSession(role);
            res = await send();
          }
          hist[res.statusCode] = (hist[res.statusCode] ?? 0) + 1;
          if (res.statusCode >= 500) {
            failures.push(`${r.method} ${r.url} as ${role ?? 'anonymous'}: ${res.statusCode} for ${req.url} ${req.payload === undefined ? '' : String(req.payload).slice(0, 300)} → ${res.body.slice(0, 300)}`);
            return false;
          }
          return true;
        }),
        { numRuns: RUNS, seed: SEED + i, endOnFailure: true, verbose: 0 },
      ).catch(() => undefined); // recorded in failures with the request that failed
    }
    expect(calls).toBeGreaterThan(routes.length * Math.min(RUNS, 2));
    expect(failures, `statuses answered: ${JSON.stringify(hist)}; replay with FUZZ_SEED=${SEED}`).toEqual([]);
  }, 1_800_000);
});
