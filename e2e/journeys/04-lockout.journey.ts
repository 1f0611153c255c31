// Five wrong passwords lock the account. The login page answers a locked account exactly like a
// wrong password (so lockout does not tell which usernames exist): even the right password is
// refused. The system administrator sees the lock, unlocks it, and the user gets in.
import { account, check, DESKTOP, login, seeText, type JourneyContext } from '../journey.js';

export default async function lockout(ctx: JourneyContext): Promise<void> {
  const victim = account(ctx, 'industry');
  const page = await ctx.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
  await page.goto('/login');
  for (let i = 1; i <= 5; i++) {
    await page.locator('#username').fill(victim.username);
    await page.locator('#password').fill(`wrong-${i}`);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    const text = await page.getByTestId('login-error').innerText();
    check(text.includes('用户名或密码错误'), `attempt ${i}: ${text}`);
    await page.waitForTimeout(150);
  }
  // Even the right password is refused while locked.
  await page.locator('#username').fill(victim.username);
  await page.locator('#password').fill(victim.password);
  await page.getByTestId('login-submit').click();
  await page.waitForTimeout(500);
  const locked = await page.getByTestId('login-error').innerText();
  check(locked.includes('用户名或密码错误') && !locked.includes('锁定'), `the right password is refused while locked, with the wrong-password answer: ${locked}`);
  check(new URL(page.url()).pathname === '/login', 'still on the login page while locked');
  await ctx.screenshot('locked', page);

  const sys = await ctx.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
  await sys.goto('/login');
  await login(sys, ctx, 'sysadmin');
  await sys.goto('/admin/users');
  const row = sys.locator('.ant-table-row').filter({ hasText: victim.username }).filter({ hasText: '已锁定' });
  await row.waitFor();
  await row.getByRole('button', { name: /解\s?锁/ }).click();
  await seeText(sys, '已解锁');
  await sys.locator('.ant-table-row').filter({ hasText: victim.username }).filter({ hasNotText: '已锁定' }).waitFor();

  await page.locator('#username').fill(victim.username);
  await page.locator('#password').fill(victim.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('welcome').waitFor();
}
