// Request plumbing shared by every route: who is acting (session cookie → actor), whether the
// route's declared access allows it, CSRF protection of state-changing requests.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isPermission, type RouteAccess } from '../../common/permissions.js';
import type { Actor } from './access.js';
import { can } from './access.js';
import { sendError } from './errors.js';

/** A session as the resolver found it (the auth module's session, whatever else it carries). */
export interface ResolvedSession {
  actor: Actor;
  session: { csrf_token: string };
}

/**
 * Turns a session cookie into a session: the auth module provides it where the app is wired
 * (server/app.ts), so core depends on no module. 'expired' when the session timed out.
 */
export interface SessionResolver {
  loadSession(token: string, meta: { ip: string | null; userAgent: string | null }): Promise<ResolvedSession | 'expired' | null>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares this: a permission, 'authenticated' or 'public'. */
    access?: RouteAccess;
    /** Routes a user who must change their password may still call. */
    allowWithPasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: ResolvedSession | null;
  }
}

export const SESSION_COOKIE = 'sg_sid';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new Error('route declared as authenticated has no actor');
  return req.actor;
}

export function meta(req: FastifyRequest) {
  const ua = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua : null };
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}

/**
 * Requests refused for want of a session, counted per address in fixed one-minute windows. The
 * rate limiter counts the requests that reach a route; these stop before it, yet each one with a
 * cookie costs a session look-up — so past the address's budget they are answered 429 at once.
 */
export function refusalCounter(perMinute: number, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; n: number }>();
  let pruned = 0;
  return {
    /** Counts one refusal; false once the address is over its budget for this minute. */
    allow(ip: string): boolean {
      const t = now();
      // Ended windows are dropped at most once a minute, so the map stays bounded by a minute's addresses.
      if (t - pruned >= 60_000) {
        for (const [k, w] of windows) if (t - w.start >= 60_000) windows.delete(k);
        pruned = t;
      }
      const w = windows.get(ip);
      if (!w || t - w.start >= 60_000) {
        windows.set(ip, { start: t, n: 1 });
        return true;
      }
      w.n++;
      return w.n <= perMinute;
    },
    /** Whether the address is already over its budget for this minute (counts nothing). */
    over(ip: string): boolean {
      const w = windows.get(ip);
      return w !== undefined && now() - w.start < 60_000 && w.n >= perMinute;
    },
    retryAfterS(ip: string): number {
      const w = windows.get(ip);
      return w ? Math.max(1, Math.ceil((w.start + 60_000 - now()) / 1000)) : 1;
    },
  };
}

export function registerAccessHooks(app: FastifyInstance, auth: SessionResolver, opts: { secureCookies: boolean; refusalsPerMinute: number }): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  const refusals = refusalCounter(opts.refusalsPerMinute);

  app.addHook('onRequest', async (req, reply) => {
    const access = req.routeOptions.config?.access;
    if (access === undefined) {
      // Unmatched URLs reach the not-found handler, which has no declared access and needs none.
      if (req.routeOptions.url === undefined) return;
      req.log.error({ url: req.routeOptions.url }, 'route without declared access');
      return sendError(reply, req, 'FORBIDDEN', 'Route has no declared permission');
    }
    if (access === 'public') return;

    const token = req.cookies[SESSION_COOKIE];
    // An address past its budget of refusals is answered before any session look-up.
    if (refusals.over(req.ip)) {
      void reply.header('retry-after', String(refusals.retryAfterS(req.ip)));
      return sendError(reply, req, 'RATE_LIMITED');
    }
    let expired = false;
    if (token) {
      const loaded = await auth.loadSession(token, meta(req));
      if (loaded === 'expired') expired = true;
      else if (loaded) {
        req.session = loaded;
        req.actor = loaded.actor;
      }
    }
    if (!req.actor || !req.session) {
      if (!refusals.allow(req.ip)) {
        void reply.header('retry-after', String(refusals.retryAfterS(req.ip)));
        return sendError(reply, req, 'RATE_LIMITED');
      }
      if (token) clearSessionCookie(reply, opts.secureCookies);
      return sendError(reply, req, expired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    }
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || header !== req.session.session.csrf_token) return sendError(reply, req, 'CSRF_FAILED');
    }
    if (req.actor.mustChangePassword && !req.routeOptions.config.allowWithPasswordChange) {
      return sendError(reply, req, 'PASSWORD_CHANGE_REQUIRED');
    }
    if (access === 'authenticated') return;
    if (!isPermission(access) || !can(req.actor, access)) return sendError(reply, req, 'FORBIDDEN', `Missing permission ${access}`);
  });
}
