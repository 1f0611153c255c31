// Cross-cutting HTTP behaviour: health, security headers, request ids, size and rate limits,
// and unexpected errors masked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../test/app.js';
import { createTestDatabase, type TestDatabase } from '../test/db.js';

let shared: TestDatabase;
let t: TestApp;
beforeAll(async () => {
  shared = await createTestDatabase();
  t = await createTestApp({ testDb: shared, config: { rateLimit: { perMinute: 100_000, loginPerMinute: 3 }, bodyLimitBytes: 4096 } });
  await t.user('alice', 'grid_worker');
});
afterAll(async () => {
  await t.close();
  await shared.close();
});

describe('http', () => {
  it('answers liveness and readiness', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json<{ status: string }>().status).toBe('ready');
  });

  it('sends security headers and a request id', async () => {
    const res = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('refuses an oversized body with 413 and a code', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: 'x'.repeat(10_000) } });
    expect(res.statusCode).toBe(413);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('BAD_REQUEST');
  });

  it('rate-limits logins per address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.9.9.9', payload: { username: 'alice', password: TEST_PASSWORD } });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 3)).toEqual([200, 200, 200]);
    expect(codes[3]).toBe(429);
    const other = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.9.9.10', payload: { username: 'alice', password: TEST_PASSWORD } });
    expect(other.statusCode).toBe(200);
  });

  it('answers unknown routes with 404 and a code', async () => {
    const res = await t.app.inject({ url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
  });

  it('masks unexpected errors: 500 with a code and no internals', async () => {
    const c = await t.login('alice');
    const broken = await createTestApp({ testDb: await createTestDatabase() });
    await broken.user('bob', 'grid_worker');
    const b = await broken.login('bob');
    await broken.testDb.close();
    const res = await b.get('/api/me');
    expect(res.statusCode).toBe(500);
    const body = res.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.message).not.toMatch(/closed|pglite|pool|stack|at /i);
    await broken.app.close();
    expect((await c.get('/api/me')).statusCode).toBe(200);
  });
});
