// The administrators' everyday actions: reset a password and disable an account (system
// administrator), change a role's permissions within the separation of duties and the security
// policy (security administrator), the audit log in English (audit administrator).
import { account, check, DESKTOP, login, seeText, type JourneyContext } from '../journey.js';

export default async function adminActions(ctx: JourneyContext): Promise<void> {
  const street = account(ctx, 'street');
  const community = account(ctx, 'community');

  // System administrator: reset street's password, disable community.
  const sys = await ctx.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
  await sys.goto('/login');
  await login(sys, ctx, 'sysadmin');
  await sys.goto('/admin/users');
  const streetRow = sys.locator('.ant-table-row').filter({ hasText: street.username }).first();
  await streetRow.getByRole('button', { name: '重置密码' }).click();
  const dialog = sys.locator('.ant-modal').filter({ hasText: '重置' });
  await dialog.locator('#resetPassword').fill('Reset-Pass-77x');
  await dialog.getByRole('button', { name: /确\s?定/ }).click();
  await seeText(sys, '已重置');
  await sys.locator('.ant-table-row').filter({ hasText: street.username }).filter({ hasText: '待修改密码' }).waitFor();

  const communityRow = sys.locator('.ant-table-row').filter({ hasText: community.username }).first();
  await communityRow.getByRole('button', { name: /停\s?用/ }).click();
  await sys.locator('.ant-popconfirm').getByRole('button', { name: /确\s?定/ }).click();
  await sys.locator('.ant-table-row').filter({ hasText: community.username }).filter({ hasText: '已停用' }).waitFor();
  check((await sys.locator('.ant-table-row').filter({ hasText: 'sysadmin' }).getByRole('button', { name: /停\s?用/ }).count()) === 0,
    'an administrator cannot disable their own account');
  await ctx.screenshot('users-after-actions', sys);

  const probe = await ctx.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
  await probe.goto('/login');
  await probe.locator('#username').fill(community.username);
  await probe.locator('#password').fill(community.password);
  await probe.getByTestId('login-submit').click();
  check((await probe.getByTestId('login-error').innerText()).includes('账号已停用'), 'a disabled account is told so');
  await probe.locator('#username').fill(street.username);
  await probe.locator('#password').fill('Reset-Pass-77x');
  await probe.getByTestId('login-submit').click();
  await probe.getByTestId('forced-password-change').waitFor();

  // Security administrator: role permissions and the separation of duties.
  const sec = await ctx.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
  await sec.goto('/login');
  await login(sec, ctx, 'secadmin');
  await sec.goto('/admin/roles');
  await sec.locator('.ant-table-row').filter({ hasText: 'system_admin' }).getByRole('button', { name: '编辑权限' }).click();
  const drawer = sec.locator('.ant-drawer-open');
  await drawer.getByText('audit.read').click();
  await drawer.getByTestId('role-sod').waitFor();
  check(await drawer.getByTestId('role-save').isDisabled(), 'a role mixing two administrators cannot be saved');
  await ctx.screenshot('role-sod', sec);
  await drawer.getByText('audit.read').click();
  await drawer.getByText('open311.manage').click();
  await drawer.getByTestId('role-save').click();
  await seeText(sec, '已保存 系统管理员 的权限');
  await sec.locator('.ant-table-row').filter({ hasText: 'system_admin' }).filter({ hasText: '已调整' }).waitFor();
  // Given back, so the journeys after this one find the built-in role as shipped.
  await sec.locator('.ant-table-row').filter({ hasText: 'system_admin' }).getByRole('button', { name: '编辑权限' }).click();
  await sec.locator('.ant-drawer-open').getByText('open311.manage').click();
  await sec.locator('.ant-drawer-open').getByTestId('role-save').click();
  await sec.locator('.ant-table-row').filter({ hasText: 'system_admin' }).filter({ hasNotText: '已调整' }).waitFor();

  await sec.goto('/admin/security');
  await sec.locator('#lockMinutes').fill('0');
  await sec.getByRole('button', { name: /保\s?存/ }).click();
  await seeText(sec, '锁定时长（分钟）须在 1 到 1440 之间');
  await sec.locator('#lockMinutes').fill('45');
  await sec.getByRole('button', { name: /保\s?存/ }).click();
  await seeText(sec, '已保存');

  // Audit administrator, in English: the changes above are in the log.
  const aud = await ctx.newPage({ viewport: DESKTOP, locale: 'en' });
  await aud.goto('/login');
  await aud.getByTestId('language-switch').getByText('EN').click();
  await login(aud, ctx, 'auditor');
  await aud.goto('/audit');
  await aud.locator('.ant-table-row').filter({ hasText: 'Security policy changed' }).waitFor();
  await aud.locator('.ant-table-row').filter({ hasText: 'Role permissions changed' }).first().waitFor();
  await aud.locator('#action').fill('user.update');
  await aud.keyboard.press('Escape');
  await aud.getByRole('button', { name: 'Search' }).click();
  await aud.locator('.ant-table-row').filter({ hasText: 'passwordReset' }).waitFor();
  await aud.getByTestId('audit-verify').click();
  await aud.getByTestId('audit-verify-result').getByText('Verified:').waitFor();
  await ctx.screenshot('audit-en', aud);
}
