import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/app.js';
import { seedUnits, SMALL_TREE } from '../../test/factories.js';
import { sql } from '../../db/client.js';
import { BUILTIN_ROLES } from '../../../common/permissions.js';

let t: TestApp;
let outsiderId: string;
beforeAll(async () => {
  t = await createTestApp();
  await seedUnits(t.db, SMALL_TREE);
  await t.user('sys', 'system_admin', '6301');
  await t.user('sys_east', 'system_admin', '630102');
  await t.user('sec', 'security_admin', '6301');
  await t.user('aud', 'audit_admin', '6301');
  await t.user('worker', 'grid_worker', '630102001001001');
  outsiderId = await t.user('west_worker', 'grid_worker', '630103001');
});
afterAll(async () => t.close());

type Err = { error: { code: string; details?: { fields?: Array<{ field: string }> } } };

describe('users (system administrator)', () => {
  it('creates a user who must change the initial password at first login', async () => {
    const c = await t.login('sys');
    const res = await c.post('/api/users', { username: 'dora', displayName: 'Dora', unitCode: '630102', initialPassword: 'Init-Pass-123' });
    expect(res.statusCode).toBe(201);
    expect(res.json<{ mustChangePassword: boolean; unit: { code: string } }>()).toMatchObject({ mustChangePassword: true, unit: { code: '630102' } });
    const weak = await c.post('/api/users', { username: 'eve', displayName: 'Eve', unitCode: '630102', initialPassword: 'password' });
    expect(weak.statusCode).toBe(422);
    const dup = await c.post('/api/users', { username: 'DORA', displayName: 'x', unitCode: '630102', initialPassword: 'Init-Pass-123' });
    expect(dup.statusCode).toBe(409);
    const bad = await c.post('/api/users', { username: 'a b', displayName: 'x', unitCode: '630102', initialPassword: 'Init-Pass-123' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Err>().error.details?.fields?.[0]?.field).toBe('body/username');
  });

  it('lists and reads only users of its subtree', async () => {
    const c = await t.login('sys_east');
    const list = await c.get('/api/users?limit=200');
    const names = list.json<{ items: Array<{ username: string }> }>().items.map((u) => u.username);
    expect(names).toContain('worker');
    expect(names).not.toContain('west_worker');
    expect(names).not.toContain('sys');
    expect((await c.get(`/api/users/${outsiderId}`)).statusCode).toBe(404);
    expect((await (await t.login('sys')).get(`/api/users/${outsiderId}`)).statusCode).toBe(200);
    const create = await c.post('/api/users', { username: 'west2', displayName: 'x', unitCode: '630103', initialPassword: 'Init-Pass-123' });
    expect(create.statusCode).toBe(403);
    expect(create.json<Err>().error.code).toBe('OUT_OF_SCOPE');
  });

  it('pages with a keyset cursor', async () => {
    const c = await t.login('sys');
    const first = (await c.get('/api/users?limit=2')).json<{ items: Array<{ id: string }>; nextCursor: string | null }>();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = (await c.get(`/api/users?limit=2&cursor=${first.nextCursor}`)).json<{ items: Array<{ id: string }> }>();
    expect(second.items[0]?.id).not.toBe(first.items[1]?.id);
    expect(Number(second.items[0]?.id)).toBeGreaterThan(Number(first.items[1]?.id));
    expect((await c.get('/api/users?cursor=garbage')).statusCode).toBe(400);
  });

  it('refuses the admin pages to a grid worker with 403', async () => {
    const c = await t.login('worker');
    for (const url of ['/api/users', '/api/grants', '/api/roles', '/api/audit', '/api/security/settings']) {
      const res = await c.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json<Err>().error.code).toBe('FORBIDDEN');
    }
  });
});

describe('grants and roles (security administrator)', () => {
  it('grants a role at a unit; the grant covers the subtree', async () => {
    const sec = await t.login('sec');
    const res = await sec.post('/api/grants', { username: 'dora', role: 'community_official', unitCode: '630102' });
    expect(res.statusCode).toBe(201);
    await t.db.rows(sql`UPDATE users SET must_change_password = false, password_hash = (SELECT password_hash FROM users WHERE username = 'worker') WHERE username = 'dora'`);
    const dora = await t.login('dora', TEST_PASSWORD);
    const me = (await dora.get('/api/me')).json<{ me: { permissions: string[] } }>().me;
    expect(me.permissions).toContain('hazard.confirm');
  });

  it('keeps the three administrators apart', async () => {
    const sec = await t.login('sec');
    const res = await sec.post('/api/grants', { username: 'sys', role: 'audit_admin', unitCode: '6301' });
    expect(res.statusCode).toBe(409);
    expect(res.json<Err>().error.code).toBe('SEPARATION_OF_DUTIES');
    const self = await sec.post('/api/grants', { username: 'sec', role: 'grid_worker', unitCode: '6301' });
    expect(self.json<Err>().error.code).toBe('SEPARATION_OF_DUTIES');
    const mixed = await sec.put('/api/roles/superuser', { name: { zh: '超级', en: 'Super' }, permissions: ['user.manage', 'grant.manage', 'audit.read'] });
    expect(mixed.statusCode).toBe(409);
    const sys = await t.login('sys');
    expect((await sys.post('/api/grants', { username: 'worker', role: 'grid_worker', unitCode: '6301' })).statusCode).toBe(403);
  });

  it('requires an industry on industry-department grants', async () => {
    const sec = await t.login('sec');
    const res = await sec.post('/api/grants', { username: 'worker', role: 'industry_department', unitCode: '6301' });
    expect(res.statusCode).toBe(400);
    expect(res.json<Err>().error.details?.fields?.[0]?.field).toBe('body/industryCode');
  });

  it('edits a role and the change applies to its holders', async () => {
    const sec = await t.login('sec');
    const res = await sec.put('/api/roles/grid_worker', { permissions: ['unit.read', 'hazard.read'] });
    expect(res.statusCode).toBe(200);
    const w = await t.login('worker');
    expect((await w.get('/api/me')).json<{ me: { permissions: string[] } }>().me.permissions.sort()).toEqual(['hazard.read', 'unit.read']);
    const unknown = await sec.put('/api/roles/grid_worker', { permissions: ['nope.read'] });
    expect(unknown.statusCode).toBe(400);
    // Marked adjusted while it differs from the shipped role; given back, it is not.
    type Role = { code: string; customized: boolean };
    const roleOf = async () => (await sec.get('/api/roles')).json<{ items: Role[] }>().items.find((r) => r.code === 'grid_worker');
    expect((await roleOf())?.customized).toBe(true);
    expect((await sec.put('/api/roles/grid_worker', { permissions: [...BUILTIN_ROLES.grid_worker.permissions].reverse() })).statusCode).toBe(200);
    expect((await roleOf())?.customized).toBe(false);
  });

  it('changes security settings and they take effect', async () => {
    const sec = await t.login('sec');
    const cur = (await sec.get('/api/security/settings')).json<Record<string, number>>();
    expect(cur.lockAfterFailures).toBe(5);
    const res = await sec.put('/api/security/settings', { ...cur, passwordMinLength: 12 });
    expect(res.statusCode).toBe(200);
    const sys = await t.login('sys');
    const weak = await sys.post('/api/users', { username: 'frank', displayName: 'F', unitCode: '630102', initialPassword: 'Abc-12345' });
    expect(weak.statusCode).toBe(422);
    await sec.put('/api/security/settings', cur);
  });
});

describe('audit', () => {
  it('records every change with actor and outcome, readable only by the audit administrator', async () => {
    const aud = await t.login('aud');
    const res = await aud.get('/api/audit?action=grant.create');
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: Array<{ actorName: string; objectType: string; outcome: string }> }>().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]).toMatchObject({ actorName: 'sec', objectType: 'grant', outcome: 'success' });
    expect((await (await t.login('sys')).get('/api/audit')).statusCode).toBe(403);
  });

  it('verifies the chain, and finds the row changed by hand in SQL', async () => {
    const aud = await t.login('aud');
    const ok = (await aud.post('/api/audit/verify')).json<{ ok: boolean; checked: number }>();
    expect(ok, JSON.stringify(ok)).toMatchObject({ ok: true });
    expect(ok.checked).toBeGreaterThan(10);
    const victim = await t.db.one<{ id: string }>(sql`SELECT id::text AS id FROM audit_log WHERE action = 'grant.create' ORDER BY id LIMIT 1`);
    await expect(t.db.rows(sql`UPDATE audit_log SET actor_name = 'nobody' WHERE id = ${victim?.id}::bigint`)).rejects.toThrow();
    await t.db.rows(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
    await t.db.rows(sql`UPDATE audit_log SET actor_name = 'nobody' WHERE id = ${victim?.id}::bigint`);
    await t.db.rows(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
    const broken = (await aud.post('/api/audit/verify')).json<{ ok: boolean; brokenAt: { id: string } | null }>();
    expect(broken.ok).toBe(false);
    expect(broken.brokenAt?.id).toBe(victim?.id);
  });
});
