// The built web app: served from its folder with cache headers, the SPA's index for client routes,
// and not counted against the per-address rate limit (a page load fetches dozens of files).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/app.js';
import { refusalCounter } from './http.js';

const dist = mkdtempSync(path.join(os.tmpdir(), 'sg-web-'));
let t: TestApp;
beforeAll(async () => {
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>SafeGrid</title>');
  writeFileSync(path.join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
  t = await createTestApp({ serveWeb: true, config: { webDist: dist, rateLimit: { perMinute: 5, loginPerMinute: 5 } } });
});
afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the web app', () => {
  it('serves files with cache headers and the index for client routes, without spending the rate limit', async () => {
    const c = t.anonymous();
    for (let i = 0; i < 12; i++) {
      const asset = await c.get('/assets/app-1234.js');
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toContain('immutable');
    }
    const page = await c.get('/units/6301');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.body).toContain('<title>SafeGrid</title>');
    // The API still is limited per address (the login and the calls after it share the budget).
    await t.user('alice', 'grid_worker');
    const u = await t.login('alice');
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) codes.push((await u.get('/api/me')).statusCode);
    expect(codes).toContain(200);
    expect(codes).toContain(429);
  });
});

describe('requests refused for want of a session', () => {
  it('spend the address\'s budget too: past it they are answered 429 with a retry time', async () => {
    const c = t.anonymous();
    c.ip = '10.77.0.1';
    const codes: number[] = [];
    let retry: string | undefined;
    for (let i = 0; i < 8; i++) {
      const res = await c.request('GET', '/api/me', undefined, { cookie: `sg_sid=made-up-${i}` });
      codes.push(res.statusCode);
      if (res.statusCode === 429) retry = String(res.headers['retry-after']);
    }
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429, 429]);
    expect(Number(retry)).toBeGreaterThan(0);
    // Another address is not affected.
    const other = t.anonymous();
    other.ip = '10.77.0.2';
    expect((await other.get('/api/me')).statusCode).toBe(401);
  });

  it('are counted in one-minute windows per address', () => {
    let now = 0;
    const r = refusalCounter(2, () => now);
    expect([r.over('a'), r.allow('a'), r.allow('a'), r.over('a'), r.allow('a'), r.allow('b')]).toEqual([false, true, true, true, false, true]);
    now = 60_000;
    expect([r.over('a'), r.allow('a')]).toEqual([false, true]);
  });
});
