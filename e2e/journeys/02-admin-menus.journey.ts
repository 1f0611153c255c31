// Issue 2: each of the three administrators sees their own pages and none of the others'.
import { check, DESKTOP, login, menuTexts, seeText, type JourneyContext } from '../journey.js';

export default async function adminMenus(ctx: JourneyContext): Promise<void> {
  // System administrator: users.
  const sys = await ctx.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
  await sys.goto('/login');
  await login(sys, ctx, 'sysadmin');
  let menu = await menuTexts(sys);
  check(menu.includes('系统管理'), `sysadmin sees 系统管理: ${menu.join(', ')}`);
  check(!menu.includes('审计日志') && !menu.includes('安全管理'), `sysadmin sees neither audit nor security: ${menu.join(', ')}`);
  await sys.getByTestId('side-menu').getByText('系统管理').click();
  await sys.getByTestId('side-menu').getByText('用户管理').click();
  await sys.waitForURL('**/admin/users');
  await sys.locator('.ant-table-row').filter({ hasText: 'auditor' }).first().waitFor();
  const rows = await sys.locator('.ant-table-row').count();
  check(rows >= 8, `the users page lists the demo accounts (${rows} rows)`);
  await ctx.screenshot('sysadmin-users', sys);
  await sys.goto('/audit');
  await seeText(sys, '无权访问');

  // Audit administrator: the audit log and the chain check.
  const aud = await ctx.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
  await aud.goto('/login');
  await login(aud, ctx, 'auditor');
  menu = await menuTexts(aud);
  check(menu.includes('审计日志'), `auditor sees 审计日志: ${menu.join(', ')}`);
  check(!menu.includes('系统管理') && !menu.includes('安全管理') && !menu.includes('用户管理'), `auditor sees no other admin page: ${menu.join(', ')}`);
  await aud.getByTestId('side-menu').getByText('审计日志').click();
  await aud.waitForURL('**/audit');
  await aud.locator('.ant-table-row').filter({ hasText: 'auth.login' }).first().waitFor();
  await aud.getByTestId('audit-verify').click();
  await aud.getByTestId('audit-verify-result').waitFor();
  const verdict = await aud.getByTestId('audit-verify-result').innerText();
  check(verdict.includes('校验通过'), `the chain verifies: ${verdict}`);
  await ctx.screenshot('auditor-audit', aud);
  await aud.goto('/admin/users');
  await seeText(aud, '无权访问');

  // Security administrator: roles, grants, security policy.
  const sec = await ctx.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
  await sec.goto('/login');
  await login(sec, ctx, 'secadmin');
  menu = await menuTexts(sec);
  check(menu.includes('安全管理'), `secadmin sees 安全管理: ${menu.join(', ')}`);
  check(!menu.includes('系统管理') && !menu.includes('审计日志'), `secadmin sees neither users nor audit: ${menu.join(', ')}`);
  await sec.getByTestId('side-menu').getByText('安全管理').click();
  await sec.getByTestId('side-menu').getByText('角色授权').click();
  await sec.waitForURL('**/admin/grants');
  await sec.locator('.ant-table-row').filter({ hasText: 'district' }).first().waitFor();
  await ctx.screenshot('secadmin-grants', sec);
  await sec.getByTestId('side-menu').getByText('角色权限').click();
  await sec.waitForURL('**/admin/roles');
  await seeText(sec, '区安委办');
  await ctx.screenshot('secadmin-roles', sec);
  await sec.getByTestId('side-menu').getByText('安全策略').click();
  await sec.waitForURL('**/admin/security');
  await sec.locator('#sessionIdleMinutes').waitFor();
  check((await sec.locator('#sessionIdleMinutes').inputValue()) === '30', 'the idle timeout shows its default of 30 minutes');
  await ctx.screenshot('secadmin-security', sec);
}
