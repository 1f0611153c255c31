import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { errorBody, meAs, renderApp, stubFetch } from '../../../test/fixtures.js';

const policy = { 'GET /api/auth/password-policy': { body: { minLength: 8, minClasses: 3 } } };

async function submit(username = 'district', password = 'wrong-password') {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('用户名'), username);
  await user.type(screen.getByLabelText('密码'), password);
  await user.click(screen.getByTestId('login-submit'));
}

describe('login page', () => {
  it('shows in Chinese by default, with the password policy', async () => {
    stubFetch(policy);
    renderApp({ path: '/login', me: null });
    expect(await screen.findByText('账号登录')).toBeInTheDocument();
    expect(await screen.findByTestId('password-policy')).toHaveTextContent('至少 8 个字符');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('asks for both fields before sending anything', async () => {
    const { calls } = stubFetch(policy);
    renderApp({ path: '/login', me: null });
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('login-submit'));
    expect(await screen.findByText('请填写用户名')).toBeInTheDocument();
    expect(screen.getByText('请填写密码')).toBeInTheDocument();
    expect(calls.filter((c) => c.path === '/api/auth/login')).toHaveLength(0);
  });

  it.each([
    ['INVALID_CREDENTIALS', 401, undefined, '用户名或密码错误'],
    ['ACCOUNT_DISABLED', 403, undefined, '账号已停用'],
    ['RATE_LIMITED', 429, undefined, '请求过于频繁，请稍后再试'],
    ['ACCOUNT_LOCKED', 423, { lockedUntil: '2031-05-06T07:08:00.000Z' }, '登录失败次数过多，账号已暂时锁定'],
  ])('explains %s', async (code, status, details, text) => {
    stubFetch({ ...policy, 'POST /api/auth/login': { status, body: errorBody(code, details) } });
    renderApp({ path: '/login', me: null });
    await submit();
    const alert = await screen.findByTestId('login-error');
    expect(alert).toHaveTextContent(text);
    expect(screen.getByLabelText('密码')).toHaveValue('');
  });

  it('tells when a locked account unlocks, in local time', async () => {
    const until = '2031-05-06T07:08:00.000Z';
    stubFetch({ ...policy, 'POST /api/auth/login': { status: 423, body: errorBody('ACCOUNT_LOCKED', { lockedUntil: until }) } });
    renderApp({ path: '/login', me: null });
    await submit();
    const local = new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(until));
    expect(await screen.findByTestId('login-error')).toHaveTextContent(`请于 ${local} 后再试`);
  });

  it('explains in English after switching the language', async () => {
    stubFetch({ ...policy, 'POST /api/auth/login': { status: 401, body: errorBody('INVALID_CREDENTIALS') } });
    renderApp({ path: '/login', me: null });
    const user = userEvent.setup();
    await user.click(await screen.findByText('EN'));
    expect(await screen.findByText('Log in', { selector: '.ant-card-head-title' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Username'), 'district');
    await user.type(screen.getByLabelText('Password'), 'nope');
    await user.click(screen.getByTestId('login-submit'));
    expect(await screen.findByTestId('login-error')).toHaveTextContent('Wrong username or password');
  });

  it('says when the server cannot be reached', async () => {
    stubFetch(policy);
    const real = globalThis.fetch;
    globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : input.toString();
      if (url.includes('/api/auth/login')) throw new TypeError('Failed to fetch');
      return real(input, init);
    };
    renderApp({ path: '/login', me: null });
    await submit();
    expect(await screen.findByTestId('login-error')).toHaveTextContent('无法连接服务器');
  });

  it('logs in and opens the home page', async () => {
    const me = meAs('district_safety_office');
    const { calls } = stubFetch({ ...policy, 'POST /api/auth/login': { body: { me, csrfToken: 'tok' } } });
    renderApp({ path: '/login', me: null });
    await submit('district', 'Correct-horse-1');
    expect(await screen.findByTestId('welcome')).toHaveTextContent(`您好，${me.displayName}`);
    expect(calls.find((c) => c.path === '/api/auth/login')?.body).toEqual({ username: 'district', password: 'Correct-horse-1' });
  });

  it('sends a user who must change the password to that form only', async () => {
    const me = meAs('grid_worker', { mustChangePassword: true, permissions: [] });
    stubFetch({ ...policy, 'POST /api/auth/login': { body: { me, csrfToken: 'tok' } } });
    renderApp({ path: '/login', me: null });
    await submit('gridworker', 'Initial-pass-1');
    expect(await screen.findByTestId('forced-password-change')).toBeInTheDocument();
    expect(screen.queryByTestId('side-menu')).not.toBeInTheDocument();
  });

  it('puts a wrong current password under its field', async () => {
    const me = meAs('grid_worker', { mustChangePassword: true, permissions: [] });
    stubFetch({
      ...policy,
      'POST /api/auth/password': { status: 400, body: errorBody('VALIDATION_FAILED', { fields: [{ field: 'body/currentPassword', message: 'The current password is wrong', code: 'WRONG_PASSWORD' }] }) },
    });
    renderApp({ path: '/', me });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('当前密码'), 'Initial-pass-1');
    await user.type(screen.getByLabelText('新密码'), 'Brand-new-pass-2');
    await user.type(screen.getByLabelText('确认新密码'), 'Brand-new-pass-2');
    await user.click(screen.getByTestId('password-submit'));
    await waitFor(() => expect(screen.getByText('当前密码不正确')).toBeInTheDocument());
  });
});
