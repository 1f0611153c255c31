import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { meAs, renderApp, stubFetch } from '../test/fixtures.js';
import { interpolate, mergeMessages, translator } from './i18n.js';
import { MESSAGES, MODULES } from './modules.js';
import { appMessages } from './messages.js';

describe('dictionaries', () => {
  it('has every key in both languages, prefixed by its module, defined once', () => {
    const dupes: string[] = [];
    mergeMessages([appMessages, ...MODULES.map((m) => m.messages)], (k) => dupes.push(k));
    expect(dupes).toEqual([]);
    for (const m of [{ id: 'app', messages: appMessages }, ...MODULES]) {
      const zh = Object.keys(m.messages.zh).sort();
      const en = Object.keys(m.messages.en).sort();
      expect(en, `module ${m.id}`).toEqual(zh);
      for (const k of zh) expect(k.startsWith(`${m.id}.`), `${k} in ${m.id}`).toBe(true);
      const enTexts: Record<string, string> = m.messages.en;
      for (const k of zh) expect(enTexts[k]?.trim(), `${k} (en)`).toBeTruthy();
    }
  });

  it('has a label for every menu item', () => {
    for (const m of MODULES) {
      for (const r of m.routes) {
        if (r.menu) {
          expect(MESSAGES.zh[r.menu.labelKey], r.menu.labelKey).toBeTruthy();
          expect(MESSAGES.en[r.menu.labelKey], r.menu.labelKey).toBeTruthy();
        }
      }
    }
  });

  it('fills placeholders and falls back to the key', () => {
    expect(interpolate('共 {n} 条，{x}', { n: 3 })).toBe('共 3 条，{x}');
    const t = translator({ zh: { a: '甲 {v}' }, en: {} }, 'en');
    expect(t('a', { v: 1 })).toBe('甲 1');
    expect(t('missing.key')).toBe('missing.key');
  });
});

describe('language switch', () => {
  it('switches the whole shell to English and stores the choice for the user', async () => {
    const { calls } = stubFetch({ 'PUT /api/me/locale': { body: { ok: true } } });
    renderApp({ me: meAs('system_admin') });
    const menu = await screen.findByTestId('side-menu');
    expect(within(menu).getByText('工作台')).toBeInTheDocument();
    expect(screen.getByTestId('logout')).toHaveTextContent('退出登录');

    const user = userEvent.setup();
    await user.click(within(screen.getByTestId('language-switch')).getByText('EN'));

    await waitFor(() => expect(within(menu).getByText('Home')).toBeInTheDocument());
    expect(within(menu).getByText('System')).toBeInTheDocument();
    expect(within(menu).queryByText('工作台')).not.toBeInTheDocument();
    expect(screen.getByTestId('logout')).toHaveTextContent('Log out');
    expect(await screen.findByTestId('welcome')).toHaveTextContent('Hello,');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('safegrid.locale')).toBe('en');
    await waitFor(() => expect(calls.find((c) => c.method === 'PUT' && c.path === '/api/me/locale')?.body).toEqual({ locale: 'en' }));
  });

  it('starts in the language stored in this browser', async () => {
    stubFetch({ 'GET /api/auth/password-policy': { body: { minLength: 8, minClasses: 3 } } });
    localStorage.setItem('safegrid.locale', 'en');
    renderApp({ path: '/login', me: null });
    expect(await screen.findByText('Log in', { selector: '.ant-card-head-title' })).toBeInTheDocument();
  });

  it('follows the language stored on the account when logging in', async () => {
    const me = meAs('audit_admin', { locale: 'en' });
    stubFetch({
      'GET /api/auth/password-policy': { body: { minLength: 8, minClasses: 3 } },
      'POST /api/auth/login': { body: { me, csrfToken: 't' } },
    });
    renderApp({ path: '/login', me: null });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('用户名'), 'auditor');
    await user.type(screen.getByLabelText('密码'), 'Whatever-1');
    await user.click(screen.getByTestId('login-submit'));
    expect(await screen.findByText('Audit log', { selector: '.ant-menu-title-content' })).toBeInTheDocument();
  });

  it('keeps a choice made on the login page and saves it to the account', async () => {
    const me = meAs('audit_admin', { locale: 'zh-CN' });
    const { calls } = stubFetch({
      'GET /api/auth/password-policy': { body: { minLength: 8, minClasses: 3 } },
      'POST /api/auth/login': { body: { me, csrfToken: 't' } },
      'PUT /api/me/locale': { body: { ok: true } },
    });
    renderApp({ path: '/login', me: null });
    const user = userEvent.setup();
    await user.click(await screen.findByText('EN'));
    await user.type(screen.getByLabelText('Username'), 'auditor');
    await user.type(screen.getByLabelText('Password'), 'Whatever-1');
    await user.click(screen.getByTestId('login-submit'));
    expect(await screen.findByText('Audit log', { selector: '.ant-menu-title-content' })).toBeInTheDocument();
    await waitFor(() => expect(calls.find((c) => c.path === '/api/me/locale')?.body).toEqual({ locale: 'en' }));
  });
});
