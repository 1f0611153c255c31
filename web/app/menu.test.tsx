import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Permission } from '../../common/permissions.js';
import { meAs, renderApp, stubFetch } from '../test/fixtures.js';
import { hasPermission } from '../access/can.js';
import { menuItems, selectedEntry, visibleMenuEntries } from './menu.js';
import { ALL_ROUTES } from './modules.js';
import { translator } from './i18n.js';
import { MESSAGES } from './modules.js';

const keysFor = (perms: Permission[]) => visibleMenuEntries(ALL_ROUTES, (p) => hasPermission(perms, p)).map((e) => e.key);

describe('menu filtering by permission', () => {
  it('shows each item only to holders of its permission', () => {
    expect(keysFor([])).toEqual(['home']);
    expect(keysFor(['user.read'])).toEqual(['home', 'admin.users']);
    expect(keysFor(['audit.read'])).toEqual(['home', 'audit.log']);
    expect(keysFor(['role.read', 'grant.read', 'security.manage'])).toEqual(['home', 'admin.roles', 'admin.grants', 'admin.security']);
  });

  it('groups items under their group, which appears only when it has an item', () => {
    const t = translator(MESSAGES, 'zh-CN');
    const sec = menuItems(visibleMenuEntries(ALL_ROUTES, (p) => hasPermission(['role.read', 'grant.read'], p)), t);
    expect(sec.map((i) => i?.key)).toEqual(['home', 'group:security']);
    const group = sec[1] as { label: string; children: Array<{ key: string }> };
    expect(group.label).toBe('安全管理');
    expect(group.children.map((c) => c.key)).toEqual(['admin.roles', 'admin.grants']);
    const none = menuItems(visibleMenuEntries(ALL_ROUTES, () => false), t);
    expect(none.map((i) => i?.key)).toEqual([]);
  });

  it('selects the entry with the longest matching path', () => {
    const entries = visibleMenuEntries(ALL_ROUTES, () => true);
    expect(selectedEntry(entries, '/')?.key).toBe('home');
    expect(selectedEntry(entries, '/admin/users')?.key).toBe('admin.users');
    expect(selectedEntry(entries, '/admin/users/12')?.key).toBe('admin.users');
    expect(selectedEntry(entries, '/elsewhere')).toBeUndefined();
  });

  it.each([
    ['system_admin', ['工作台', '系统管理'], ['审计日志', '安全管理']],
    ['audit_admin', ['工作台', '审计日志'], ['系统管理', '安全管理']],
    ['security_admin', ['工作台', '安全管理'], ['系统管理', '审计日志']],
    ['district_safety_office', ['工作台'], ['系统管理', '安全管理', '审计日志']],
  ] as const)('renders the side menu of a %s', async (role, shown, hidden) => {
    stubFetch({ 'GET /api/users': { body: { items: [], nextCursor: null } }, 'GET /api/audit': { body: { items: [], nextCursor: null } } });
    renderApp({ me: meAs(role) });
    const menu = await screen.findByTestId('side-menu');
    for (const text of shown) expect(within(menu).getByText(text)).toBeInTheDocument();
    for (const text of hidden) expect(within(menu).queryByText(text)).not.toBeInTheDocument();
  });

  it('opens a page from the menu and refuses a page the user may not see', async () => {
    stubFetch({ 'GET /api/users': { body: { items: [], nextCursor: null } } });
    renderApp({ me: meAs('system_admin') });
    const user = userEvent.setup();
    const menu = await screen.findByTestId('side-menu');
    await user.click(within(menu).getByText('系统管理'));
    await user.click(await screen.findByText('用户管理', { selector: '.ant-menu-title-content' }));
    expect(await screen.findByRole('heading', { name: '用户管理' })).toBeInTheDocument();
  });

  it('answers 403 on a page outside the permissions and 404 on an unknown path', async () => {
    stubFetch({});
    const { unmount } = renderApp({ path: '/audit', me: meAs('system_admin') });
    expect(await screen.findByText('无权访问')).toBeInTheDocument();
    unmount();
    renderApp({ path: '/nowhere', me: meAs('system_admin') });
    expect(await screen.findByText('页面不存在')).toBeInTheDocument();
  });

  it('sends an anonymous visitor to the login page', async () => {
    stubFetch({ 'GET /api/auth/password-policy': { body: { minLength: 8, minClasses: 3 } } });
    renderApp({ path: '/admin/users', me: null });
    expect(await screen.findByText('账号登录')).toBeInTheDocument();
  });
});
