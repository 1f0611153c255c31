import { sql, type Executor } from '../../db/client.js';
import { alias, columnList, grants, roles, sessions, units, users } from '../../db/schema/index.js';

const USER_COLS = ['id', 'username', 'display_name', 'password_hash', 'must_change_password', 'status', 'failed_logins', 'locked_until', 'locale',
  'unit_id'] as const;
export type UserAuthRow = Pick<typeof users.$inferSelect, (typeof USER_COLS)[number]>;

const SESSION_COLS = ['id', 'user_id', 'csrf_token', 'created_at', 'last_seen_at', 'expires_at', 'revoked_at'] as const;
export type SessionRow = Pick<typeof sessions.$inferSelect, (typeof SESSION_COLS)[number]>;

const g = alias(grants, 'g');
const u = alias(units, 'u');
const r = alias(roles, 'r');

/** An active grant with its unit and, when the role is stored, the stored role's permissions and names. */
export type GrantRow = Pick<typeof grants.$inferSelect, 'id' | 'role_code' | 'unit_id' | 'industry_code' | 'enterprise_id'> & {
  unit_code: string;
  unit_name: string;
  unit_path: string;
  role_permissions: string[] | null;
  role_name_zh: string | null;
  role_name_en: string | null;
};

export const authRepository = {
  findUserByUsername(db: Executor, username: string) {
    return db.one<UserAuthRow>(sql`SELECT ${columnList(users, USER_COLS)} FROM ${users} WHERE lower(${users.username}) = lower(${username})`);
  },
  findUserById(db: Executor, id: string) {
    return db.one<UserAuthRow>(sql`SELECT ${columnList(users, USER_COLS)} FROM ${users} WHERE ${users.id} = ${id}::bigint`);
  },
  async recordFailure(db: Executor, id: string, failures: number, lockedUntil: Date | null) {
    await db.rows(sql`UPDATE users SET failed_logins = ${failures}, locked_until = ${lockedUntil ? lockedUntil.toISOString() : null}::timestamptz
      WHERE id = ${id}::bigint`);
  },
  async recordSuccess(db: Executor, id: string, at: Date) {
    await db.rows(sql`UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ${at.toISOString()}::timestamptz WHERE id = ${id}::bigint`);
  },
  async insertSession(db: Executor, s: { id: string; userId: string; csrf: string; now: Date; expires: Date; ip: string | null; ua: string | null }) {
    await db.rows(sql`INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
      VALUES (${s.id}, ${s.userId}::bigint, ${s.csrf}, ${s.now.toISOString()}::timestamptz, ${s.now.toISOString()}::timestamptz,
              ${s.expires.toISOString()}::timestamptz, ${s.ip}, ${s.ua})`);
  },
  findSession(db: Executor, id: string) {
    return db.one<SessionRow>(sql`SELECT ${columnList(sessions, SESSION_COLS)} FROM ${sessions} WHERE ${sessions.id} = ${id}`);
  },
  async touchSession(db: Executor, id: string, at: Date) {
    await db.rows(sql`UPDATE sessions SET last_seen_at = ${at.toISOString()}::timestamptz WHERE id = ${id}`);
  },
  async revokeSession(db: Executor, id: string, at: Date) {
    await db.rows(sql`UPDATE sessions SET revoked_at = ${at.toISOString()}::timestamptz WHERE id = ${id} AND revoked_at IS NULL`);
  },
  async revokeUserSessions(db: Executor, userId: string, at: Date, exceptId: string | null = null) {
    await db.rows(sql`UPDATE sessions SET revoked_at = ${at.toISOString()}::timestamptz
      WHERE user_id = ${userId}::bigint AND revoked_at IS NULL AND id IS DISTINCT FROM ${exceptId}`);
  },
  activeGrants(db: Executor, userId: string) {
    return db.rows<GrantRow>(sql`SELECT ${g.id}, ${g.role_code}, ${g.unit_id}, ${u.code} AS unit_code, ${u.name} AS unit_name, ${u.path}::text AS unit_path,
        ${g.industry_code}, ${g.enterprise_id}, ${r.permissions} AS role_permissions, ${r.name_zh} AS role_name_zh, ${r.name_en} AS role_name_en
      FROM ${grants} ${g} JOIN ${units} ${u} ON ${u.id} = ${g.unit_id} LEFT JOIN ${roles} ${r} ON ${r.code} = ${g.role_code}
      WHERE ${g.user_id} = ${userId}::bigint AND ${g.revoked_at} IS NULL AND ${u.retired_at} IS NULL ORDER BY ${g.id}`);
  },
  unitOf(db: Executor, unitId: string) {
    return db.one<Pick<typeof units.$inferSelect, 'code' | 'name'>>(sql`SELECT ${units.code}, ${units.name} FROM ${units} WHERE ${units.id} = ${unitId}::bigint`);
  },
  async setPassword(db: Executor, userId: string, hash: string, at: Date) {
    await db.rows(sql`UPDATE users SET password_hash = ${hash}, must_change_password = false,
      password_changed_at = ${at.toISOString()}::timestamptz, updated_at = ${at.toISOString()}::timestamptz WHERE id = ${userId}::bigint`);
  },
  async setLocale(db: Executor, userId: string, locale: string) {
    await db.rows(sql`UPDATE users SET locale = ${locale} WHERE id = ${userId}::bigint`);
  },
};
