import { describe, expect, it, vi } from 'vitest';
import { ApiError, buildUrl, describeError, describeFieldProblem, http, setCsrfToken, setUnauthorizedHandler } from './client.js';
import { errorBody, stubFetch } from '../test/fixtures.js';

describe('api client', () => {
  it('sends the CSRF token on writes only, with same-origin credentials', async () => {
    const { fn, calls } = stubFetch({ 'GET /api/x': { body: { a: 1 } }, 'POST /api/x': { body: { ok: true } } });
    setCsrfToken('tok-1');
    expect(await http.get<{ a: number }>('/api/x')).toEqual({ a: 1 });
    await http.post('/api/x', { b: 2 });
    expect(calls[0]?.headers['x-csrf-token']).toBeUndefined();
    expect(calls[1]?.headers['x-csrf-token']).toBe('tok-1');
    expect(calls[1]?.body).toEqual({ b: 2 });
    expect((fn.mock.calls[1]?.[1] as RequestInit).credentials).toBe('same-origin');
    setCsrfToken(null);
  });

  it('turns an error body into an ApiError with its code and fields', async () => {
    stubFetch({ 'POST /api/users': { status: 400, body: errorBody('VALIDATION_FAILED', { fields: [{ field: 'body/unitCode', message: 'unknown unit' }] }) } });
    const err = await http.post('/api/users', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.status).toBe(400);
    expect(e.fields).toEqual([{ field: 'body/unitCode', message: 'unknown unit' }]);
    expect(e.localized('zh-CN')).toBe('输入有误，请检查标出的字段');
    expect(describeFieldProblem(e.fields[0]!, 'zh-CN', e)).toBe('单位代码不存在');
    expect(describeFieldProblem(e.fields[0]!, 'en', e)).toBe('Unknown unit code');
  });

  it('localizes the password policy problems the server lists', () => {
    const e = new ApiError(422, 'WEAK_PASSWORD', 'x', {
      fields: [{ field: 'body/newPassword', message: 'At least 8 characters', code: 'TOO_SHORT' }],
      problems: [{ code: 'TOO_SHORT', zh: '密码至少 8 个字符', en: 'At least 8 characters' }],
    });
    expect(describeError(e, 'zh-CN')).toBe('密码不符合安全策略：密码至少 8 个字符');
    expect(describeFieldProblem(e.fields[0]!, 'zh-CN', e)).toBe('密码至少 8 个字符');
  });

  it('maps a body without a code by its status', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502 })));
    const e = (await http.get('/api/x').catch((x: unknown) => x)) as ApiError;
    expect(e.code).toBe('UNAVAILABLE');
  });

  it('calls the 401 handler, except for requests that expect it', async () => {
    stubFetch({ 'GET /api/x': { status: 401, body: errorBody('SESSION_EXPIRED') } });
    const seen: string[] = [];
    setUnauthorizedHandler((e) => seen.push(e.code));
    await http.get('/api/x').catch(() => {});
    await http.get('/api/x', undefined, { allowUnauthenticated: true }).catch(() => {});
    expect(seen).toEqual(['SESSION_EXPIRED']);
    setUnauthorizedHandler(null);
  });

  it('builds query strings without empty values', () => {
    expect(buildUrl('/api/users', { q: 'a b', unit: '', cursor: undefined, limit: 20 })).toBe('/api/users?q=a+b&limit=20');
  });
});
