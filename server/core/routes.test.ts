// Every route declares its access, and every route that is not public refuses an anonymous caller.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPermission } from '../../common/permissions.js';
import { createTestApp, type TestApp } from '../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

function concrete(url: string): string {
  return url.replace(/:[A-Za-z_]+/g, '1').replace(/\*$/, 'x');
}

describe('route permissions', () => {
  it('has routes to check', () => {
    expect(t.routes.length).toBeGreaterThan(10);
  });

  it('every registered route declares a permission, "authenticated" or "public"', () => {
    const missing = t.routes.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    const unknown = t.routes
      .filter((r) => r.access !== undefined && r.access !== 'public' && r.access !== 'authenticated' && !isPermission(r.access))
      .map((r) => `${r.method} ${r.url} → ${r.access}`);
    expect(unknown).toEqual([]);
  });

  it('every non-public route answers 401 to an anonymous request', async () => {
    const wrong: string[] = [];
    for (const r of t.routes) {
      if (r.access === 'public' || r.method === 'HEAD' || r.method === 'OPTIONS') continue;
      const res = await t.app.inject({ method: r.method as 'GET', url: concrete(r.url), ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }) });
      if (res.statusCode !== 401) wrong.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the only public routes under /api are the documented ones', () => {
    const publicApi = t.routes.filter((r) => r.access === 'public' && r.method !== 'HEAD' && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && !r.url.startsWith('/api/public/'));
    expect(publicApi.map((r) => `${r.method} ${r.url}`).sort()).toEqual(['GET /api/auth/password-policy', 'GET /api/auth/session', 'POST /api/auth/login']);
  });
});
