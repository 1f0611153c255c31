import { textArray } from '../../db/arrays.js';
import { sql, type Executor, type SQL } from '../../db/client.js';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  unit_code: string;
  unit_name: string;
  unit_path: string;
  status: 'active' | 'disabled';
  locked_until: string | null;
  must_change_password: boolean;
  locale: 'zh-CN' | 'en';
  last_login_at: string | null;
  created_at: string;
}

export interface GrantListRow {
  id: string;
  user_id: string;
  username: string;
  display_name: string;
  role_code: string;
  unit_code: string;
  unit_name: string;
  unit_path: string;
  industry_code: string | null;
  enterprise_id: string | null;
  created_at: string;
}

export interface UnitRef {
  id: string;
  code: string;
  name: string;
  path: string;
}

const userCols = sql`u.id, u.username, u.display_name, un.code AS unit_code, un.name AS unit_name, un.path::text AS unit_path,
  u.status, u.locked_until, u.must_change_password, u.locale, u.last_login_at, u.created_at`;

export const adminRepository = {
  listUsers(db: Executor, scope: SQL, f: { q?: string; unitPath?: string; afterId?: string; limit: number }) {
    return db.rows<UserRow>(sql`SELECT ${userCols} FROM users u JOIN units un ON un.id = u.unit_id
      WHERE ${scope}
        ${f.q ? sql`AND (u.username ILIKE ${'%' + f.q + '%'} OR u.display_name ILIKE ${'%' + f.q + '%'})` : sql``}
        ${f.unitPath ? sql`AND un.path <@ ${f.unitPath}::ltree` : sql``}
        ${f.afterId ? sql`AND u.id > ${f.afterId}::bigint` : sql``}
      ORDER BY u.id LIMIT ${f.limit + 1}`);
  },
  userById(db: Executor, id: string) {
    return db.one<UserRow>(sql`SELECT ${userCols} FROM users u JOIN units un ON un.id = u.unit_id WHERE u.id = ${id}::bigint`);
  },
  userByUsername(db: Executor, username: string) {
    return db.one<UserRow>(sql`SELECT ${userCols} FROM users u JOIN units un ON un.id = u.unit_id WHERE lower(u.username) = lower(${username})`);
  },
  unitByCode(db: Executor, code: string) {
    return db.one<UnitRef>(sql`SELECT id, code, name, path::text AS path FROM units WHERE code = ${code} AND retired_at IS NULL`);
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
    return db.rows<GrantListRow>(sql`SELECT g.id, g.user_id, us.username, us.display_name, g.role_code, un.code AS unit_code, un.name AS unit_name,
        un.path::text AS unit_path, g.industry_code, g.enterprise_id, g.created_at
      FROM grants g JOIN users us ON us.id = g.user_id JOIN units un ON un.id = g.unit_id
      WHERE g.revoked_at IS NULL AND ${scope}
        ${f.username ? sql`AND lower(us.username) = lower(${f.username})` : sql``}
        ${f.role ? sql`AND g.role_code = ${f.role}` : sql``}
        ${f.afterId ? sql`AND g.id > ${f.afterId}::bigint` : sql``}
      ORDER BY g.id LIMIT ${f.limit + 1}`);
  },
  grantById(db: Executor, id: string) {
    return db.one<GrantListRow>(sql`SELECT g.id, g.user_id, us.username, us.display_name, g.role_code, un.code AS unit_code, un.name AS unit_name,
        un.path::text AS unit_path, g.industry_code, g.enterprise_id, g.created_at
      FROM grants g JOIN users us ON us.id = g.user_id JOIN units un ON un.id = g.unit_id WHERE g.id = ${id}::bigint AND g.revoked_at IS NULL`);
  },
  activeRoleCodesOfUser(db: Executor, userId: string) {
    return db.rows<{ role_code: string }>(sql`SELECT DISTINCT role_code FROM grants WHERE user_id = ${userId}::bigint AND revoked_at IS NULL`);
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
    return db.rows<{ code: string; name_zh: string; name_en: string; binding: 'unit' | 'industry' | 'enterprise'; permissions: string[] }>(
      sql`SELECT code, name_zh, name_en, binding, permissions FROM roles ORDER BY code`,
    );
  },
  roleRow(db: Executor, code: string) {
    return db.one<{ code: string; name_zh: string; name_en: string; binding: 'unit' | 'industry' | 'enterprise'; permissions: string[] }>(
      sql`SELECT code, name_zh, name_en, binding, permissions FROM roles WHERE code = ${code}`,
    );
  },
  async upsertRole(db: Executor, r: { code: string; zh: string; en: string; binding: string; permissions: string[]; by: string | null }) {
    await db.rows(sql`INSERT INTO roles (code, name_zh, name_en, binding, permissions, updated_by, updated_at)
      VALUES (${r.code}, ${r.zh}, ${r.en}, ${r.binding}, ${textArray(r.permissions)}, ${r.by}::bigint, now())
      ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en, binding = EXCLUDED.binding,
        permissions = EXCLUDED.permissions, updated_by = EXCLUDED.updated_by, updated_at = now()`);
  },
};
