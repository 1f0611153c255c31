import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/app.js';
import { seedUnits, SMALL_TREE } from '../../test/factories.js';
import { sql } from '../../db/client.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedUnits(t.db, SMALL_TREE);
  await t.user('alice', 'district_safety_office', '630102');
  await t.user('bob', 'grid_worker', '630102001001001');
  await t.user('newbie', 'grid_worker', '630102001001001', { mustChange: true });
});
afterAll(async () => t.close());

describe('login and sessions', () => {
  it('logs in, answers /api/me with permissions, and logs out', async () => {
    const c = await t.login('alice');
    const me = await c.get('/api/me');
    expect(me.statusCode).toBe(200);
    const body = me.json<{ me: { username: string; permissions: string[]; grants: Array<{ unitCode: string }> } }>();
    expect(body.me.username).toBe('alice');
    expect(body.me.permissions).toContain('hazard.supervise');
    expect(body.me.grants[0]?.unitCode).toBe('630102');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });

  it('answers the session probe with 200 whether anybody is logged in or not (an anonymous page load logs no 401)', async () => {
    const anon = await t.anonymous().get('/api/auth/session');
    expect(anon.statusCode).toBe(200);
    expect(anon.json()).toEqual({ authenticated: false, expired: false, me: null, csrfToken: null });
    const c = await t.login('alice');
    const open = await c.get('/api/auth/session');
    expect(open.statusCode).toBe(200);
    const body = open.json<{ authenticated: boolean; me: { username: string } | null; csrfToken: string | null }>();
    expect(body.authenticated).toBe(true);
    expect(body.me?.username).toBe('alice');
    expect(body.csrfToken).toEqual((await c.get('/api/me')).json<{ csrfToken: string }>().csrfToken);
    await c.post('/api/auth/logout');
    const after = await c.get('/api/auth/session');
    expect(after.statusCode).toBe(200);
    expect(after.json<{ authenticated: boolean }>().authenticated).toBe(false);
  });

  it('sets an HttpOnly SameSite=Strict cookie', async () => {
    const res = await t.anonymous().post('/api/auth/login', { username: 'alice', password: TEST_PASSWORD });
    const cookie = res.cookies.find((c) => c.name === 'sg_sid');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
  });

  it('answers 401 with a code for a wrong password and 400 naming the field for a missing one', async () => {
    const wrong = await t.anonymous().post('/api/auth/login', { username: 'alice', password: 'nope' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json<{ error: { code: string } }>().error.code).toBe('INVALID_CREDENTIALS');
    const missing = await t.anonymous().post('/api/auth/login', { username: 'alice' });
    expect(missing.statusCode).toBe(400);
    const err = missing.json<{ error: { code: string; details: { fields: Array<{ field: string }> } } }>().error;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.details.fields.map((f) => f.field)).toContain('body/password');
  });

  it('locks the account after five wrong passwords, even for the right one, until the lock ends', async () => {
    await t.user('carol', 'grid_worker', '630102001001001');
    const c = t.anonymous();
    for (let i = 0; i < 4; i++) expect((await c.post('/api/auth/login', { username: 'carol', password: 'bad' })).statusCode).toBe(401);
    const fifth = await c.post('/api/auth/login', { username: 'carol', password: 'bad' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json<{ error: { code: string } }>().error.code).toBe('ACCOUNT_LOCKED');
    const right = await c.post('/api/auth/login', { username: 'carol', password: TEST_PASSWORD });
    expect(right.statusCode).toBe(423);
    t.clock.advance(31 * 60_000);
    expect((await c.post('/api/auth/login', { username: 'carol', password: TEST_PASSWORD })).statusCode).toBe(200);
    const audit = await t.db.rows<{ action: string; outcome: string }>(sql`SELECT action, outcome FROM audit_log WHERE actor_name = 'carol' ORDER BY id`);
    expect(audit.filter((a) => a.outcome === 'failure')).toHaveLength(5);
    expect(audit.some((a) => a.action === 'auth.lock')).toBe(true);
  });

  it('ends a session after 30 idle minutes and after 12 hours in any case', async () => {
    const c = await t.login('bob');
    t.clock.advance(29 * 60_000);
    expect((await c.get('/api/me')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    const idle = await c.get('/api/me');
    expect(idle.statusCode).toBe(401);
    expect(idle.json<{ error: { code: string } }>().error.code).toBe('SESSION_EXPIRED');

    const d = await t.login('bob');
    for (let i = 0; i < 25; i++) {
      t.clock.advance(29 * 60_000);
      const r = await d.get('/api/me');
      if (r.statusCode !== 200) {
        expect(i).toBeGreaterThanOrEqual(24); // 12 h = 24.8 × 29 min
        expect(r.json<{ error: { code: string } }>().error.code).toBe('SESSION_EXPIRED');
        return;
      }
    }
    throw new Error('session outlived its absolute limit');
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const c = await t.login('alice');
    c.csrf = null;
    const res = await c.put('/api/me/locale', { locale: 'en' });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('CSRF_FAILED');
  });

  it('makes a user with an initial password change it before anything else', async () => {
    const c = await t.login('newbie');
    const me = await c.get('/api/me');
    expect(me.json<{ me: { mustChangePassword: boolean } }>().me.mustChangePassword).toBe(true);
    const blocked = await c.get('/api/users');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json<{ error: { code: string } }>().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json<{ error: { code: string } }>().error.code).toBe('WEAK_PASSWORD');
    const ok = await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Better-Pass-2026' });
    expect(ok.statusCode).toBe(200);
    expect((await c.get('/api/me')).json<{ me: { mustChangePassword: boolean } }>().me.mustChangePassword).toBe(false);
    expect((await t.anonymous().post('/api/auth/login', { username: 'newbie', password: 'Better-Pass-2026' })).statusCode).toBe(200);
  });
});
