// Login, logout, sessions, me, password change, locale. Its service is also the session resolver
// that server/app.ts hands to the access hooks (server/core/http.ts), which know no module.
import type { Module, ModuleContext } from '../../core/module.js';
import { authRoutes } from './auth.routes.js';
import { createAuthService, type AuthService } from './auth.service.js';

export { createAuthService, type AuthService };
export type { LoadedSession } from './auth.service.js';

export function createAuthModule(ctx: ModuleContext): Module<AuthService> {
  const service = createAuthService({ db: ctx.db, clock: ctx.clock, audit: ctx.audit, security: ctx.security });
  return {
    service,
    routes: (app) => authRoutes(app, { auth: service, security: ctx.security, secureCookies: ctx.config.secureCookies, loginPerMinute: ctx.config.rateLimit.loginPerMinute }),
  };
}
