// Test helpers: a user of a built-in role, a fetch double answering by method and path, and the
// app rendered at a path.
import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { BUILTIN_ROLES, type BuiltinRole } from '../../common/permissions.js';
import { AppRoutes, Providers } from '../app/App.js';
import type { Locale } from '../app/i18n.js';
import type { MeView } from '../modules/auth/api.js';

export function meAs(role: BuiltinRole, over: Partial<MeView> = {}): MeView {
  const def = BUILTIN_ROLES[role];
  return {
    id: '7',
    username: role,
    displayName: `${def.name.zh}（测试）`,
    locale: 'zh-CN',
    mustChangePassword: false,
    permissions: [...def.permissions].sort(),
    grants: [{ id: '1', role, roleName: def.name, unitCode: '630102', unitName: '城东区', industryCode: null, enterpriseId: null }],
    unit: { code: '630102', name: '城东区' },
    sessionExpiresAt: '2030-01-01T00:00:00.000Z',
    ...over,
  };
}

export interface Call {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

type Handler = (call: Call) => { status?: number; body?: unknown } | undefined;

/** Stubs fetch; `routes` maps 'METHOD /path' to an answer. Unknown requests answer 404. */
export function stubFetch(routes: Record<string, Handler | { status?: number; body?: unknown }>) {
  const calls: Call[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString(), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    const call: Call = { method, path: url.pathname, body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined, headers };
    calls.push(call);
    const route = routes[`${method} ${url.pathname}`];
    const answer = typeof route === 'function' ? route(call) : route;
    const status = answer?.status ?? (answer ? 200 : 404);
    const body = answer ? answer.body : { error: { code: 'NOT_FOUND', message: 'Not found' } };
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fn);
  return { calls, fn };
}

export function errorBody(code: string, details?: Record<string, unknown>) {
  return { error: { code, message: code, ...(details ? { details } : {}) } };
}

export function renderApp(opts: { path?: string; me?: MeView | null; locale?: Locale } = {}): ReturnType<typeof render> {
  const ui: ReactElement = (
    <Providers {...(opts.me !== undefined ? { initialMe: opts.me } : {})} {...(opts.locale ? { initialLocale: opts.locale } : {})}>
      <MemoryRouter initialEntries={[opts.path ?? '/']}>
        <AppRoutes />
      </MemoryRouter>
    </Providers>
  );
  return render(ui);
}
