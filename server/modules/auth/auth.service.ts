// Login, logout, sessions and passwords. Sessions live in the database so that several app
// instances share them; the cookie carries a random token, the table only its SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../db/client.js';
import { AppError, fieldErrors } from '../../core/errors.js';
import type { Actor, Grant } from '../../core/access.js';
import type { AuditWriter } from '../../core/audit.js';
import type { Clock } from '../../core/context.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../core/passwords.js';
import type { SecuritySettingsStore } from '../../core/settings.js';
import { effectiveRole } from '../../core/roles.js';
import { passwordProblems } from '../../core/password-strength.js';
import { authRepository as repo, type SessionRow, type UserAuthRow } from './auth.repository.js';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface LoadedSession {
  session: SessionRow;
  actor: Actor;
  user: UserAuthRow;
  expiresAt: Date;
}

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const TOUCH_EVERY_MS = 60_000;

export function createAuthService(deps: { db: Database; clock: Clock; audit: AuditWriter; security: SecuritySettingsStore }) {
  const { db, clock, audit, security } = deps;

  async function buildActor(user: UserAuthRow, sessionId: string | null, ip: string | null): Promise<Actor> {
    const rows = await repo.activeGrants(db, user.id);
    const grants: Grant[] = [];
    for (const r of rows) {
      const role = effectiveRole(r.role_code, r.role_permissions ? { permissions: r.role_permissions, name_zh: r.role_name_zh, name_en: r.role_name_en } : null);
      if (!role) continue;
      grants.push({
        id: r.id, role: r.role_code, unitId: r.unit_id, unitCode: r.unit_code, unitName: r.unit_name, unitPath: r.unit_path,
        industryCode: r.industry_code, enterpriseId: r.enterprise_id, permissions: role.permissions,
      });
    }
    return {
      kind: 'user', userId: user.id, username: user.username, displayName: user.display_name,
      sessionId, ip, grants, mustChangePassword: user.must_change_password,
    };
  }

  return {
    buildActor,

    async login(username: string, password: string, meta: RequestMeta): Promise<{ token: string; loaded: LoadedSession }> {
      const settings = await security.get();
      const now = clock.now();
      const user = await repo.findUserByUsername(db, username);
      if (!user) {
        await verifyAgainstDummy(password);
        await db.tx((tx) => audit.write(tx, null, { action: 'auth.login', outcome: 'failure', summary: { username, reason: 'unknown user' } }, meta.ip));
        throw new AppError('INVALID_CREDENTIALS');
      }
      const who = { userId: user.id, username: user.username };
      // A locked account answers exactly like a wrong password (same status and body, and the
      // password is still checked, so the time taken is the same): lockout does not tell which
      // usernames exist. The lock itself holds even for the right password.
      if (user.locked_until && new Date(user.locked_until).getTime() > now.getTime()) {
        await verifyPassword(user.password_hash, password);
        await db.tx((tx) => audit.write(tx, who, { action: 'auth.login', objectType: 'user', objectId: user.id, outcome: 'denied', summary: { reason: 'locked' } }, meta.ip));
        throw new AppError('INVALID_CREDENTIALS');
      }
      const ok = await verifyPassword(user.password_hash, password);
      if (!ok) {
        const failures = user.failed_logins + 1;
        const lock = failures >= settings.lockAfterFailures ? new Date(now.getTime() + settings.lockMinutes * 60_000) : null;
        await db.tx(async (tx) => {
          await repo.recordFailure(tx, user.id, lock ? 0 : failures, lock);
          await audit.write(tx, who, { action: lock ? 'auth.lock' : 'auth.login', objectType: 'user', objectId: user.id, outcome: 'failure', summary: { failures } }, meta.ip);
        });
        throw new AppError('INVALID_CREDENTIALS');
      }
      if (user.status !== 'active') {
        await db.tx((tx) => audit.write(tx, who, { action: 'auth.login', objectType: 'user', objectId: user.id, outcome: 'denied', summary: { reason: 'disabled' } }, meta.ip));
        throw new AppError('ACCOUNT_DISABLED');
      }
      const token = randomBytes(32).toString('base64url');
      const id = sessionIdOf(token);
      const csrf = randomBytes(24).toString('base64url');
      const expires = new Date(now.getTime() + settings.sessionAbsoluteHours * 3_600_000);
      await db.tx(async (tx) => {
        await repo.recordSuccess(tx, user.id, now);
        await repo.insertSession(tx, { id, userId: user.id, csrf, now, expires, ip: meta.ip, ua: meta.userAgent?.slice(0, 300) ?? null });
        await audit.write(tx, who, { action: 'auth.login', objectType: 'user', objectId: user.id }, meta.ip);
      });
      const session: SessionRow = { id, user_id: user.id, csrf_token: csrf, created_at: now.toISOString(), last_seen_at: now.toISOString(), expires_at: expires.toISOString(), revoked_at: null };
      return { token, loaded: { session, user, actor: await buildActor(user, id, meta.ip), expiresAt: expires } };
    },

    /** The session behind a cookie token, or why there is none. */
    async loadSession(token: string, meta: RequestMeta): Promise<LoadedSession | 'expired' | null> {
      const id = sessionIdOf(token);
      const s = await repo.findSession(db, id);
      if (!s || s.revoked_at) return null;
      const settings = await security.get();
      const now = clock.now().getTime();
      const expires = new Date(s.expires_at).getTime();
      const idleUntil = new Date(s.last_seen_at).getTime() + settings.sessionIdleMinutes * 60_000;
      if (now >= expires || now >= idleUntil) {
        await repo.revokeSession(db, id, clock.now());
        return 'expired';
      }
      const user = await repo.findUserById(db, s.user_id);
      if (!user || user.status !== 'active') return null;
      if (now - new Date(s.last_seen_at).getTime() > TOUCH_EVERY_MS) await repo.touchSession(db, id, clock.now());
      return { session: s, user, actor: await buildActor(user, id, meta.ip), expiresAt: new Date(Math.min(expires, now + settings.sessionIdleMinutes * 60_000)) };
    },

    async logout(actor: Actor): Promise<void> {
      if (!actor.sessionId) return;
      const sid = actor.sessionId;
      await db.tx(async (tx) => {
        await repo.revokeSession(tx, sid, clock.now());
        await audit.write(tx, actor, { action: 'auth.logout', objectType: 'user', objectId: actor.userId });
      });
    },

    async changePassword(actor: Actor, current: string, next: string): Promise<void> {
      if (!actor.userId) throw new AppError('FORBIDDEN');
      const user = await repo.findUserById(db, actor.userId);
      if (!user) throw new AppError('UNAUTHENTICATED');
      if (!(await verifyPassword(user.password_hash, current))) {
        throw fieldErrors([{ field: 'body/currentPassword', message: 'The current password is wrong', code: 'WRONG_PASSWORD' }]);
      }
      const settings = await security.get();
      const problems = passwordProblems(next, settings, user.username);
      if (current === next) problems.push({ code: 'TOO_SHORT', zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' });
      if (problems.length > 0) {
        throw new AppError('WEAK_PASSWORD', problems.map((p) => p.en).join('; '), {
          fields: problems.map((p) => ({ field: 'body/newPassword', message: p.en, code: p.code })),
          problems,
        });
      }
      const hash = await hashPassword(next);
      const uid = actor.userId;
      await db.tx(async (tx) => {
        await repo.setPassword(tx, uid, hash, clock.now());
        await repo.revokeUserSessions(tx, uid, clock.now(), actor.sessionId);
        await audit.write(tx, actor, { action: 'auth.password.change', objectType: 'user', objectId: uid });
      });
    },

    async setLocale(actor: Actor, locale: 'zh-CN' | 'en'): Promise<void> {
      if (!actor.userId) return;
      const uid = actor.userId;
      await db.tx(async (tx) => {
        await repo.setLocale(tx, uid, locale);
        await audit.write(tx, actor, { action: 'user.locale', objectType: 'user', objectId: uid, summary: { locale } });
      });
    },

    async unitOf(unitId: string) {
      return repo.unitOf(db, unitId);
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
