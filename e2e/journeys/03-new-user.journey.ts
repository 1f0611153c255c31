// A system administrator creates a user with an initial password; the user must change it before
// anything else opens; the security administrator grants a role, which the user then sees.
import { account, check, DESKTOP, login, menuTexts, pickUnit, seeText, type JourneyContext } from '../journey.js';

const USERNAME = 'e2e.worker';
const INITIAL = 'Init-Pass-2024x';
const CHOSEN = 'Chosen-Pass-9q';

export default async function newUser(ctx: JourneyContext): Promise<void> {
  const unit = account(ctx, 'sysadmin').unitCode;

  const sys = await ctx.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
  await sys.goto('/login');
  await login(sys, ctx, 'sysadmin');
  await sys.goto('/admin/users');
  await sys.getByTestId('create-user').click();
  const form = sys.getByTestId('create-user-form');
  await form.locator('#username').fill(USERNAME);
  await form.locator('#displayName').fill('测试网格员');
  // The unit is chosen from the tree of existing units: a code that does not exist finds nothing.
  await form.locator('#unitCode').click();
  await form.locator('#unitCode').fill('nosuchunit');
  await seeText(sys, '没有匹配的单位');
  await form.locator('#displayName').click();
  await form.locator('#initialPassword').fill('short');
  await sys.locator('.ant-modal').getByRole('button', { name: /新\s?建/ }).click();
  await seeText(sys, '密码至少 8 个字符');
  await form.locator('#initialPassword').fill(INITIAL);
  await ctx.screenshot('create-user-unit-picker', sys);
  await pickUnit(sys, form.locator('#unitCode'), unit);
  await sys.locator('.ant-modal').getByRole('button', { name: /新\s?建/ }).click();
  await seeText(sys, `已创建用户 ${USERNAME}`);
  await sys.locator('.ant-table-row').filter({ hasText: USERNAME }).filter({ hasText: '待修改密码' }).waitFor();

  // The new user: forced password change first.
  const u = await ctx.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
  await u.goto('/login');
  await u.locator('#username').fill(USERNAME);
  await u.locator('#password').fill(INITIAL);
  await u.getByTestId('login-submit').click();
  await u.getByTestId('forced-password-change').waitFor();
  check((await u.getByTestId('side-menu').count()) === 0, 'no menu while the password must be changed');
  await u.goto('/admin/users');
  await u.getByTestId('forced-password-change').waitFor();
  await u.locator('#currentPassword').fill(INITIAL);
  await u.locator('#newPassword').fill(CHOSEN);
  await u.locator('#confirm').fill(`${CHOSEN}-typo`);
  await u.getByTestId('password-submit').click();
  await seeText(u, '两次输入的新密码不一致');
  await ctx.screenshot('forced-change', u);
  await u.locator('#confirm').fill(CHOSEN);
  await u.getByTestId('password-submit').click();
  await u.getByTestId('welcome').waitFor();
  await seeText(u, '您的账号尚未被授予任何角色');
  check((await menuTexts(u)).join() === '工作台', 'a user without grants sees only the home page');

  // The security administrator grants a role; the user sees it after a reload.
  const sec = await ctx.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
  await sec.goto('/login');
  await login(sec, ctx, 'secadmin');
  await sec.goto('/admin/grants');
  await sec.getByRole('button', { name: '新增授权' }).click();
  const dialog = sec.locator('.ant-modal');
  await dialog.locator('#username').fill(USERNAME);
  await dialog.locator('#role').click();
  await sec.locator('.ant-select-item-option').filter({ hasText: 'grid_worker' }).click();
  await pickUnit(sec, dialog.locator('#unitCode'), unit);
  await ctx.screenshot('grant-form', sec);
  await dialog.getByRole('button', { name: /确\s?定/ }).click();
  await seeText(sec, '已授权 测试网格员');
  await sec.locator('.ant-table-row').filter({ hasText: USERNAME }).waitFor();

  await u.reload();
  await u.getByTestId('welcome').waitFor();
  await seeText(u, '网格员');
}
