import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ChangePasswordBody, LocaleBody, LoginBody, LoginResponse, MeResponse, PasswordPolicy, SessionStateResponse } from '../../../common/modules/auth/auth.contract.js';
import { Ok } from '../../../common/modules/shared/shared.contract.js';
import { actorOf, clearSessionCookie, meta, SESSION_COOKIE, setSessionCookie } from '../../core/http.js';
import type { SecuritySettingsStore } from '../../core/settings.js';
import type { AuthService, LoadedSession } from './auth.service.js';
import { presentMe } from './auth.presenter.js';

export function authRoutes(app: FastifyInstance, deps: { auth: AuthService; security: SecuritySettingsStore; secureCookies: boolean; loginPerMinute: number }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { auth } = deps;

  async function me(s: LoadedSession) {
    const unit = (await auth.unitOf(s.user.unit_id)) ?? { code: '', name: '' };
    return { me: presentMe(s, unit), csrfToken: s.session.csrf_token };
  }

  r.post('/api/auth/login', {
    config: { access: 'public', rateLimit: { max: deps.loginPerMinute, timeWindow: 60_000 } },
    schema: { tags: ['auth'], summary: 'Log in with username and password', body: LoginBody, response: { 200: LoginResponse } },
  }, async (req, reply) => {
    const { token, loaded } = await auth.login(req.body.username, req.body.password, meta(req));
    setSessionCookie(reply, token, deps.secureCookies);
    return me(loaded);
  });

  r.get('/api/auth/session', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Whether a session is open, with the logged-in user when it is (200 either way: the web app asks on every load)', response: { 200: SessionStateResponse } },
  }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    const loaded = token ? await auth.loadSession(token, meta(req)) : null;
    if (loaded && loaded !== 'expired') return { authenticated: true, expired: false, ...(await me(loaded)) };
    if (token) clearSessionCookie(reply, deps.secureCookies);
    return { authenticated: false, expired: loaded === 'expired', me: null, csrfToken: null };
  });

  r.post('/api/auth/logout', {
    config: { access: 'authenticated', allowWithPasswordChange: true },
    schema: { tags: ['auth'], summary: 'Log out (ends the session)', response: { 200: Ok } },
  }, async (req, reply) => {
    await auth.logout(actorOf(req));
    clearSessionCookie(reply, deps.secureCookies);
    return { ok: true as const };
  });

  r.get('/api/me', {
    config: { access: 'authenticated', allowWithPasswordChange: true },
    schema: { tags: ['auth'], summary: 'The logged-in user, permissions, grants and CSRF token', response: { 200: MeResponse } },
  }, async (req) => {
    if (!req.session) throw new Error('no session');
    return me(req.session);
  });

  r.post('/api/auth/password', {
    config: { access: 'authenticated', allowWithPasswordChange: true, rateLimit: { max: deps.loginPerMinute, timeWindow: 60_000 } },
    schema: { tags: ['auth'], summary: 'Change own password', body: ChangePasswordBody, response: { 200: Ok } },
  }, async (req) => {
    await auth.changePassword(actorOf(req), req.body.currentPassword, req.body.newPassword);
    return { ok: true as const };
  });

  r.put('/api/me/locale', {
    config: { access: 'authenticated', allowWithPasswordChange: true },
    schema: { tags: ['auth'], summary: 'Set own interface language', body: LocaleBody, response: { 200: Ok } },
  }, async (req) => {
    await auth.setLocale(actorOf(req), req.body.locale);
    return { ok: true as const };
  });

  r.get('/api/auth/password-policy', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'The password policy in force', response: { 200: PasswordPolicy } },
  }, async () => {
    const s = await deps.security.get();
    return { minLength: s.passwordMinLength, minClasses: s.passwordMinClasses };
  });
}
