// Users (system administrator), roles, grants and security settings (security administrator).
// The three administrators are kept apart: no role and no user may combine their permissions.
import type { Actor } from '../../core/access.js';
import { can, inScope, require, scopeSql } from '../../core/access.js';
import { AppError, fieldError, notFound } from '../../core/errors.js';
import { decodeCursor, pageOf } from '../../core/paging.js';
import { hashPassword } from '../../core/passwords.js';
import { builtinRole, effectiveRole } from '../../core/roles.js';
import { sql } from '../../db/client.js';
import type { ModuleContext } from '../../core/module.js';
import { adminGroupsOf, isPermission, ROLE_CODES, type Permission, type RoleDefinition } from '../../../common/permissions.js';
import { passwordProblems } from '../../core/password-strength.js';
import type { CreateGrantBody, CreateUserBody, SecuritySettingsView, UpdateRoleBody, UpdateUserBody } from '../../../common/modules/admin/admin.contract.js';
import { adminRepository as repo } from './admin.repository.js';

export function createAdminService(ctx: ModuleContext) {
  const { db, audit, security } = ctx;

  async function policyCheck(pw: string, username: string, field: string) {
    const s = await security.get();
    const problems = passwordProblems(pw, s, username);
    if (problems.length) {
      throw new AppError('WEAK_PASSWORD', problems.map((p) => p.en).join('; '), { fields: problems.map((p) => ({ field, message: p.en, code: p.code })), problems });
    }
  }

  async function roleDefinition(code: string): Promise<RoleDefinition | null> {
    return effectiveRole(code, (await repo.roleRow(db, code)) ?? null);
  }

  async function listRoles() {
    const rows = await repo.roleRows(db);
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const codes = [...new Set([...ROLE_CODES, ...rows.map((r) => r.code)])];
    return codes.flatMap((code) => {
      const def = effectiveRole(code, byCode.get(code) ?? null);
      const shipped = builtinRole(code);
      const row = byCode.get(code);
      // Adjusted: a built-in role whose permissions differ from what SafeGrid ships.
      const customized = shipped !== undefined && row !== undefined
        && (row.permissions.length !== shipped.permissions.length || row.permissions.some((p) => !shipped.permissions.includes(p as Permission)));
      return def ? [{ ...def, builtin: shipped !== undefined, customized }] : [];
    });
  }

  return {
    roleDefinition,
    listRoles,

    async listUsers(actor: Actor, q: { limit?: number; cursor?: string; q?: string; unit?: string }) {
      const limit = q.limit ?? 50;
      const after = decodeCursor(q.cursor, 1);
      let unitPath: string | undefined;
      if (q.unit) {
        const u = await repo.unitByCode(db, q.unit);
        if (!u) throw fieldError('query/unit', 'unknown unit');
        unitPath = u.path;
      }
      const rows = await repo.listUsers(db, scopeSql(actor, 'user.read', { path: sql`un.path` }), {
        ...(q.q ? { q: q.q } : {}), ...(unitPath ? { unitPath } : {}), ...(after ? { afterId: String(after[0]) } : {}), limit,
      });
      return pageOf(rows, limit, (r) => [r.id]);
    },

    async getUser(actor: Actor, id: string) {
      require(actor, 'user.read');
      const user = await repo.userById(db, id);
      if (!user || !inScope(actor, 'user.read', { path: user.unit_path })) throw notFound('user');
      return user;
    },

    async createUser(actor: Actor, body: CreateUserBody) {
      require(actor, 'user.manage');
      const unit = await repo.unitByCode(db, body.unitCode);
      if (!unit) throw fieldError('body/unitCode', 'unknown unit');
      if (!inScope(actor, 'user.manage', { path: unit.path })) throw new AppError('OUT_OF_SCOPE');
      if (await repo.userByUsername(db, body.username)) throw new AppError('CONFLICT', 'username already taken', { fields: [{ field: 'body/username', message: 'already taken' }] });
      await policyCheck(body.initialPassword, body.username, 'body/initialPassword');
      const hash = await hashPassword(body.initialPassword);
      return db.tx(async (tx) => {
        const id = await repo.insertUser(tx, { username: body.username, displayName: body.displayName, hash, unitId: unit.id, locale: body.locale ?? 'zh-CN' });
        await audit.write(tx, actor, { action: 'user.create', objectType: 'user', objectId: id, summary: { username: body.username, unit: unit.code } });
        const row = await repo.userById(tx, id);
        if (!row) throw new Error('user vanished');
        return row;
      });
    },

    async updateUser(actor: Actor, id: string, body: UpdateUserBody) {
      require(actor, 'user.manage');
      const user = await repo.userById(db, id);
      if (!user || !inScope(actor, 'user.read', { path: user.unit_path })) throw notFound('user');
      if (!inScope(actor, 'user.manage', { path: user.unit_path })) throw new AppError('OUT_OF_SCOPE');
      if (body.status === 'disabled' && id === actor.userId) throw fieldError('body/status', 'you cannot disable yourself');
      let hash: string | undefined;
      if (body.resetPassword !== undefined) {
        await policyCheck(body.resetPassword, user.username, 'body/resetPassword');
        hash = await hashPassword(body.resetPassword);
      }
      return db.tx(async (tx) => {
        await repo.updateUser(tx, id, {
          ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
          ...(body.status !== undefined ? { status: body.status } : {}),
          ...(body.unlock ? { unlock: true } : {}),
          ...(hash !== undefined ? { hash } : {}),
        });
        if (body.status === 'disabled' || hash !== undefined) await repo.revokeSessions(tx, id);
        await audit.write(tx, actor, {
          action: 'user.update', objectType: 'user', objectId: id,
          summary: { ...(body.displayName !== undefined ? { displayName: [user.display_name, body.displayName] } : {}),
            ...(body.status !== undefined ? { status: [user.status, body.status] } : {}), ...(body.unlock ? { unlock: true } : {}),
            ...(hash !== undefined ? { passwordReset: true } : {}) },
        });
        const row = await repo.userById(tx, id);
        if (!row) throw new Error('user vanished');
        return row;
      });
    },

    async listGrants(actor: Actor, q: { limit?: number; cursor?: string; user?: string; role?: string }) {
      const limit = q.limit ?? 50;
      const after = decodeCursor(q.cursor, 1);
      const rows = await repo.listGrants(db, scopeSql(actor, 'grant.read', { path: sql`un.path` }), {
        ...(q.user ? { username: q.user } : {}), ...(q.role ? { role: q.role } : {}), ...(after ? { afterId: String(after[0]) } : {}), limit,
      });
      return pageOf(rows, limit, (r) => [r.id]);
    },

    async createGrant(actor: Actor, body: CreateGrantBody) {
      require(actor, 'grant.manage');
      const user = await repo.userByUsername(db, body.username);
      if (!user) throw fieldError('body/username', 'unknown user');
      if (actor.userId !== null && user.id === actor.userId) throw new AppError('SEPARATION_OF_DUTIES', 'You cannot grant roles to yourself');
      const unit = await repo.unitByCode(db, body.unitCode);
      if (!unit) throw fieldError('body/unitCode', 'unknown unit');
      if (!inScope(actor, 'grant.manage', { path: unit.path })) throw new AppError('OUT_OF_SCOPE');
      const role = await roleDefinition(body.role);
      if (!role) throw fieldError('body/role', 'unknown role');
      if (role.binding === 'industry' && !body.industryCode) throw fieldError('body/industryCode', 'an industry department grant needs an industry code');
      if (role.binding === 'enterprise' && !body.enterpriseId) throw fieldError('body/enterpriseId', 'an enterprise user grant needs an enterprise');
      if (role.binding !== 'industry' && body.industryCode) throw fieldError('body/industryCode', 'only industry department grants carry an industry');
      if (role.binding !== 'enterprise' && body.enterpriseId) throw fieldError('body/enterpriseId', 'only enterprise grants carry an enterprise');
      // The user's roles together must not combine two of the three administrators.
      const existing = await repo.activeRoleCodesOfUser(db, user.id);
      const perms: Permission[] = [...role.permissions];
      for (const r of existing) perms.push(...((await roleDefinition(r.role_code))?.permissions ?? []));
      if (adminGroupsOf(perms).length > 1) {
        throw new AppError('SEPARATION_OF_DUTIES', 'The system, security and audit administrators must be different people');
      }
      return db.tx(async (tx) => {
        const id = await repo.insertGrant(tx, { userId: user.id, role: body.role, unitId: unit.id, industry: body.industryCode ?? null, enterprise: body.enterpriseId ?? null, by: actor.userId });
        await audit.write(tx, actor, { action: 'grant.create', objectType: 'grant', objectId: id, summary: { user: user.username, role: body.role, unit: unit.code, industry: body.industryCode ?? null, enterprise: body.enterpriseId ?? null } });
        const row = await repo.grantById(tx, id);
        if (!row) throw new Error('grant vanished');
        return row;
      });
    },

    async revokeGrant(actor: Actor, id: string) {
      require(actor, 'grant.manage');
      const g = await repo.grantById(db, id);
      if (!g || !inScope(actor, 'grant.read', { path: g.unit_path })) throw notFound('grant');
      if (!inScope(actor, 'grant.manage', { path: g.unit_path })) throw new AppError('OUT_OF_SCOPE');
      await db.tx(async (tx) => {
        await repo.revokeGrant(tx, id, actor.userId);
        await audit.write(tx, actor, { action: 'grant.revoke', objectType: 'grant', objectId: id, summary: { user: g.username, role: g.role_code, unit: g.unit_code } });
      });
    },

    async updateRole(actor: Actor, code: string, body: UpdateRoleBody) {
      require(actor, 'role.manage');
      if (!/^[a-z][a-z0-9_]{1,47}$/.test(code)) throw fieldError('params/code', 'role codes are lower-case letters, digits and _');
      const unknown = body.permissions.filter((p) => !isPermission(p));
      if (unknown.length) throw fieldError('body/permissions', `unknown permissions: ${unknown.join(', ')}`);
      const perms = body.permissions.filter(isPermission);
      if (adminGroupsOf(perms).length > 1) throw new AppError('SEPARATION_OF_DUTIES', 'A role may not combine system, security and audit administration');
      const current = await roleDefinition(code);
      if (!current && !body.name) throw fieldError('body/name', 'a new role needs a name');
      const name = body.name ?? current?.name ?? { zh: code, en: code };
      const binding = builtinRole(code)?.binding ?? body.binding ?? current?.binding ?? 'unit';
      await db.tx(async (tx) => {
        await repo.upsertRole(tx, { code, zh: name.zh, en: name.en, binding, permissions: perms, by: actor.userId });
        await audit.write(tx, actor, { action: current ? 'role.update' : 'role.create', objectType: 'role', objectId: code,
          summary: { added: perms.filter((p) => !current?.permissions.includes(p)), removed: (current?.permissions ?? []).filter((p) => !perms.includes(p)) } });
      });
      return (await listRoles()).find((r) => r.code === code);
    },

    async getSecuritySettings(actor: Actor) {
      require(actor, 'security.manage');
      return security.get();
    },

    async setSecuritySettings(actor: Actor, body: SecuritySettingsView) {
      require(actor, 'security.manage');
      const before = await security.get();
      await db.tx(async (tx) => {
        await security.set(tx, body, actor.userId);
        const changed = Object.fromEntries(Object.entries(body).filter(([k, v]) => before[k as keyof typeof before] !== v).map(([k, v]) => [k, [before[k as keyof typeof before], v]]));
        await audit.write(tx, actor, { action: 'security.settings', objectType: 'settings', objectId: 'security', summary: changed });
      });
      return security.get();
    },

    canManageUsers: (actor: Actor) => can(actor, 'user.manage'),
  };
}
export type AdminService = ReturnType<typeof createAdminService>;
