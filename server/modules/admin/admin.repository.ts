import { textArray } from '../../db/arrays.js';
import { sql, type Executor, type SQL } from '../../db/client.js';
import { alias, columnList, grants, roles, units, users } from '../../db/schema/index.js';

const u = alias(users, 'u');
const un = alias(units, 'un');
const g = alias(grants, 'g');
const us = alias(users, 'us');

type Unit = typeof units.$inferSelect;

const USER_COLS = ['id', 'username', 'display_name', 'status', 'locked_until', 'must_change_password', 'locale', 'last_login_at', 'created_at'] as const;
export type UserRow = Pick<typeof users.$inferSelect, (typeof USER_COLS)[number]> & { unit_code: Unit['code']; unit_name: Unit['name']; unit_path: Unit['path'] };

const GRANT_COLS = ['id', 'user_id', 'role_code', 'industry_code', 'enterprise_id', 'created_at'] as const;
export type GrantListRow = Pick<typeof grants.$inferSelect, (typeof GRANT_COLS)[number]> &
  Pick<typeof users.$inferSelect, 'username' | 'display_name'> & { unit_code: Unit['code']; unit_name: Unit['name']; unit_path: Unit['path'] };

export type UnitRef = Pick<Unit, 'id' | 'code' | 'name' | 'path'>;

const ROLE_COLS = ['code', 'name_zh', 'name_en', 'binding', 'permissions'] as const;
export type RoleRow = Pick<typeof roles.$inferSelect, (typeof ROLE_COLS)[number]>;

const userCols = sql`${columnList(u, USER_COLS)}, ${un.code} AS unit_code, ${un.name} AS unit_name, ${un.path}::text AS unit_path`;
const userFrom = sql`FROM ${users} ${u} JOIN ${units} ${un} ON ${un.id} = ${u.unit_id}`;
const grantCols = sql`${columnList(g, GRANT_COLS)}, ${us.username}, ${us.display_name}, ${un.code} AS unit_code, ${un.name} AS unit_name,
  ${un.path}::text AS unit_path`;
const grantFrom = sql`FROM ${grants} ${g} JOIN ${users} ${us} ON ${us.id} = ${g.user_id} JOIN ${units} ${un} ON ${un.id} = ${g.unit_id}`;

export const adminRepository = {
  listUsers(db: Executor, scope: SQL, f: { q?: string; unitPath?: string; afterId?: string; limit: number }) {
    return db.rows<UserRow>(sql`SELECT ${userCols} ${userFrom}
      WHERE ${scope}
        ${f.q ? sql`AND (u.username ILIKE ${'%' + f.q + '%'} OR u.display_name ILIKE ${'%' + f.q + '%'})` : sql``}
        ${f.unitPath ? sql`AND un.path <@ ${f.unitPath}::ltree` : sql``}
        ${f.afterId ? sql`AND u.id > ${f.afterId}::bigint` : sql``}
      ORDER BY u.id LIMIT ${f.limit + 1}`);
  },
  userById(db: Executor, id: string) {
    return db.one<UserRow>(sql`SELECT ${userCols} ${userFrom} WHERE ${u.id} = ${id}::bigint`);
  },
  userByUsername(db: Executor, username: string) {
    return db.one<UserRow>(sql`SELECT ${userCols} ${userFrom} WHERE lower(${u.username}) = lower(${username})`);
  },
  unitByCode(db: Executor, code: string) {
    return db.one<UnitRef>(sql`SELECT ${columnList(units, ['id', 'code', 'name', 'path'])} FROM ${units}
      WHERE ${units.code} = ${code} AND ${units.retired_at} IS NULL`);
  },
  async insertUser(db: Executor, u: { username: string; displayName: string; hash: string; unitId: string; locale: string }) {
    const row = await db.one<{ id: string }>(sql`INSERT INTO users (username, display_name, password_hash, unit_id, locale, must_change_password)
      VALUES (${u.username}, ${u.displayName}, ${u.hash}, ${u.unitId}::bigint, ${u.locale}, true) RETURNING id`);
    if (!row) throw new Error('insert failed');
    return row.id;
  },
  async updateUser(db: Executor, id: string, set: { displayName?: string; status?: string; unlock?: boolean; hash?: string }) {
    const parts: SQL[] = [sql`updated_at = now()`];
    if (set.displayName !== undefined) parts.push(sql`display_name = ${set.displayName}`);
    if (set.status !== undefined) parts.push(sql`status = ${set.status}`);
    if (set.unlock) parts.push(sql`locked_until = NULL, failed_logins = 0`);
    if (set.hash !== undefined) parts.push(sql`password_hash = ${set.hash}, must_change_password = true`);
    await db.rows(sql`UPDATE users SET ${sql.join(parts, sql`, `)} WHERE id = ${id}::bigint`);
  },
  async revokeSessions(db: Executor, userId: string) {
    await db.rows(sql`UPDATE sessions SET revoked_at = now() WHERE user_id = ${userId}::bigint AND revoked_at IS NULL`);
  },
  listGrants(db: Executor, scope: SQL, f: { username?: string; role?: string; afterId?: string; limit: number }) {
    return db.rows<GrantListRow>(sql`SELECT ${grantCols} ${grantFrom}
      WHERE ${g.revoked_at} IS NULL AND ${scope}
        ${f.username ? sql`AND lower(us.username) = lower(${f.username})` : sql``}
        ${f.role ? sql`AND g.role_code = ${f.role}` : sql``}
        ${f.afterId ? sql`AND g.id > ${f.afterId}::bigint` : sql``}
      ORDER BY g.id LIMIT ${f.limit + 1}`);
  },
  grantById(db: Executor, id: string) {
    return db.one<GrantListRow>(sql`SELECT ${grantCols} ${grantFrom} WHERE ${g.id} = ${id}::bigint AND ${g.revoked_at} IS NULL`);
  },
  activeRoleCodesOfUser(db: Executor, userId: string) {
    return db.rows<Pick<typeof grants.$inferSelect, 'role_code'>>(sql`SELECT DISTINCT role_code FROM grants WHERE user_id = ${userId}::bigint AND revoked_at IS NULL`);
  },
  async insertGrant(db: Executor, g: { userId: string; role: string; unitId: string; industry: string | null; enterprise: string | null; by: string | null }) {
    const row = await db.one<{ id: string }>(sql`INSERT INTO grants (user_id, role_code, unit_id, industry_code, enterprise_id, created_by)
      VALUES (${g.userId}::bigint, ${g.role}, ${g.unitId}::bigint, ${g.industry}, ${g.enterprise}::bigint, ${g.by}::bigint) RETURNING id`);
    if (!row) throw new Error('insert failed');
    return row.id;
  },
  async revokeGrant(db: Executor, id: string, by: string | null) {
    await db.rows(sql`UPDATE grants SET revoked_at = now(), revoked_by = ${by}::bigint WHERE id = ${id}::bigint AND revoked_at IS NULL`);
  },
  roleRows(db: Executor) {
    return db.rows<RoleRow>(sql`SELECT ${columnList(roles, ROLE_COLS)} FROM ${roles} ORDER BY ${roles.code}`);
  },
  roleRow(db: Executor, code: string) {
    return db.one<RoleRow>(sql`SELECT ${columnList(roles, ROLE_COLS)} FROM ${roles} WHERE ${roles.code} = ${code}`);
  },
  async upsertRole(db: Executor, r: { code: string; zh: string; en: string; binding: string; permissions: string[]; by: string | null }) {
    await db.rows(sql`INSERT INTO roles (code, name_zh, name_en, binding, permissions, updated_by, updated_at)
      VALUES (${r.code}, ${r.zh}, ${r.en}, ${r.binding}, ${textArray(r.permissions)}, ${r.by}::bigint, now())
      ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en, binding = EXCLUDED.binding,
        permissions = EXCLUDED.permissions, updated_by = EXCLUDED.updated_by, updated_at = now()`);
  },
};
