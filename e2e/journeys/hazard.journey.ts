// The closed loop in a real browser: the grid worker does a planned inspection on a phone with a
// failed item, a photo and three drawn signatures; the hazard it raises is rectified by the
// enterprise's own user with an "after" photo; a different official accepts it; it closes and its
// timeline shows every step and the signatures.
//
// Set-up goes through the API as the demo officials would: an enterprise and its place in the
// grid worker's grid, an enterprise user, the grid worker assigned to the grid, the month's plan.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { account, check, DESKTOP, login, PHONE, seeText, type JourneyContext } from '../journey.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BEFORE = path.join(ROOT, 'server/test/fixtures/before.jpg');
const AFTER = path.join(ROOT, 'server/test/fixtures/after.jpg');
const ENT_USER = 'e2e.enterprise';
const ENT_INITIAL = 'Init-Ent-Pass-2024';
const ENT_PASSWORD = 'Ent-Chosen-Pass-77';

interface Api {
  call<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, data?: unknown): Promise<T>;
}

async function apiAs(ctx: JourneyContext, username: string, password: string): Promise<Api> {
  const page = await ctx.newPage();
  const req = page.context().request;
  const res = await req.post('/api/auth/login', { data: { username, password } });
  check(res.ok(), `API login of ${username} failed: ${res.status()} ${await res.text()}`);
  const csrf = ((await res.json()) as { csrfToken?: string }).csrfToken ?? '';
  return {
    async call<T>(method: string, url: string, data?: unknown): Promise<T> {
      const r = await req.fetch(url, { method, headers: { 'x-csrf-token': csrf }, ...(data !== undefined ? { data: data as object } : {}) });
      check(r.ok(), `${method} ${url} as ${username}: ${r.status()} ${await r.text()}`);
      return (await r.json()) as T;
    },
  };
}

/** A point inside the grid: the mean of its boundary's vertices, checked with the locate service. */
async function pointIn(api: Api, gridCode: string): Promise<{ lng: number; lat: number }> {
  const f = await api.call<{ geometry: { type: string; coordinates: number[][][][] | number[][][] } | null }>('GET', `/api/units/${gridCode}/boundary`);
  check(f.geometry, `grid ${gridCode} has no boundary; the demo city needs grids with boundaries`);
  const rings = f.geometry.type === 'MultiPolygon' ? (f.geometry.coordinates as number[][][][]).map((p) => p[0] ?? []) : [(f.geometry.coordinates as number[][][])[0] ?? []];
  const ring = rings[0] ?? [];
  const lng = ring.reduce((s, c) => s + (c[0] ?? 0), 0) / ring.length;
  const lat = ring.reduce((s, c) => s + (c[1] ?? 0), 0) / ring.length;
  const at = await api.call<{ grid: { code: string } | null } | { code: string } | null>('GET', `/api/units/locate?lng=${lng}&lat=${lat}`);
  const located = at && 'grid' in at ? at.grid?.code : at && 'code' in at ? at.code : null;
  check(located === gridCode, `the middle of grid ${gridCode} is located in ${String(located)}`);
  return { lng: Math.round(lng * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 };
}

async function sign(page: Page, role: string, name: string, wave: number): Promise<void> {
  await page.getByTestId(`sign-${role}-name`).fill(name);
  const pad = page.getByTestId(`sign-${role}-pad`);
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  check(box, `no signature pad for ${role}`);
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 0; i <= 30; i++) {
    await page.mouse.move(box.x + 20 + i * ((box.width - 40) / 30), box.y + box.height / 2 + Math.sin(i / wave) * (box.height / 3));
  }
  await page.mouse.up();
  await page.getByTestId(`sign-${role}-save`).click();
  await page.getByTestId(`sign-${role}`).getByText('已签字').waitFor();
}

export default async function hazardLoop(ctx: JourneyContext): Promise<void> {
  const worker = account(ctx, 'gridworker');
  const gridCode = worker.unitCode;
  const district = await apiAs(ctx, 'district', account(ctx, 'district').password);
  const spot = await pointIn(district, gridCode);

  // The enterprise and its small restaurant in the grid worker's grid.
  const ent = await district.call<{ id: string }>('POST', '/api/enterprises', {
    uscc: '91630102MA0E2E0006', name: '北关小饭馆（测试）', industryCode: 'H62', location: spot,
  });
  await district.call('POST', '/api/places', { name: '北关小饭馆', kind: 'small_catering', enterpriseId: ent.id, location: { lng: spot.lng + 0.00005, lat: spot.lat } });

  // The enterprise's own account (created by the system administrator, granted by the security administrator).
  const sys = await apiAs(ctx, 'sysadmin', account(ctx, 'sysadmin').password);
  await sys.call('POST', '/api/users', { username: ENT_USER, displayName: '饭馆安全员', unitCode: gridCode, initialPassword: ENT_INITIAL });
  const sec = await apiAs(ctx, 'secadmin', account(ctx, 'secadmin').password);
  await sec.call('POST', '/api/grants', { username: ENT_USER, role: 'enterprise_user', unitCode: gridCode, enterpriseId: ent.id });
  const entApi = await apiAs(ctx, ENT_USER, ENT_INITIAL);
  await entApi.call('POST', '/api/auth/password', { currentPassword: ENT_INITIAL, newPassword: ENT_PASSWORD });

  // The grid worker works this grid; the month's plan gives them the restaurant.
  await district.call('POST', `/api/units/${gridCode}/workers`, { username: worker.username });
  const now = new Date();
  const period = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  const plan = await district.call<{ created: number }>('POST', '/api/plans/generate', { unitCode: gridCode, period });
  check(plan.created >= 1, 'the plan produced no task');

  // On the phone, at the restaurant.
  const phone = await ctx.newPage({
    viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true,
    geolocation: { longitude: spot.lng + 0.00008, latitude: spot.lat }, permissions: ['geolocation'],
  });
  await phone.goto('/login');
  await login(phone, ctx, 'gridworker');
  await phone.goto('/inspections');
  await seeText(phone, '北关小饭馆');
  await ctx.screenshot('tasks', phone);
  await phone.locator('[data-testid^="task-start-"]').first().click();
  await phone.getByTestId('inspection-status').waitFor();
  await seeText(phone, '检查中');

  // F01 fails, with a comment and a photo; the rest pass; the number and photo items are answered.
  const f01 = phone.getByTestId('item-F01');
  await f01.getByText('不合格').click();
  await phone.getByTestId('comment-F01').fill('后门安全出口被纸箱堵塞并上锁');
  await phone.getByTestId('photos-F01-input').setInputFiles(BEFORE);
  await f01.locator('img').first().waitFor();
  await f01.scrollIntoViewIfNeeded();
  await ctx.screenshot('failed-item', phone);
  const keys: string[] = [];
  for (const el of await phone.locator('[data-testid^="item-"]').all()) keys.push(((await el.getAttribute('data-testid')) ?? '').slice(5));
  for (const key of keys) {
    if (key === 'F01') continue;
    const item = phone.getByTestId(`item-${key}`);
    if ((await item.locator('.ant-segmented').count()) > 0) await item.getByText('合格', { exact: true }).click();
    const number = item.locator('.ant-input-number input');
    if ((await number.count()) > 0) await number.fill('4');
    if ((await item.getByText('此项须拍照').count()) > 0) {
      await phone.getByTestId(`photos-${key}-input`).setInputFiles(BEFORE);
      await item.locator('img').first().waitFor();
    }
  }
  await phone.getByTestId('inspection-save').click();
  await seeText(phone, '已保存');
  await sign(phone, 'leader', '王组长', 4);
  await sign(phone, 'inspector', '张敏', 3);
  await sign(phone, 'premises', '赵老板', 2);
  await ctx.screenshot('signed', phone);
  await phone.getByTestId('inspection-submit').click();
  await phone.getByTestId('submit-confirm').click();
  await phone.getByTestId('raised-hazard').first().waitFor();
  await seeText(phone, '已提交');
  await ctx.screenshot('submitted', phone);
  const hazardHref = await phone.getByTestId('raised-hazard').first().getAttribute('href');
  check(hazardHref?.startsWith('/hazards/'), 'the inspection links the hazard it raised');

  // The enterprise rectifies with an "after" photo.
  const entPage = await ctx.newPage({ viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true });
  await entPage.goto('/login');
  await entPage.locator('#username').fill(ENT_USER);
  await entPage.locator('#password').fill(ENT_PASSWORD);
  await entPage.getByTestId('login-submit').click();
  await entPage.getByTestId('welcome').waitFor({ state: 'visible', timeout: 20_000 });
  await entPage.goto(hazardHref ?? '/');
  await entPage.getByTestId('hazard-state').getByText('整改中').waitFor();
  await entPage.getByTestId('hazard-action-submit').click();
  await entPage.getByTestId('hazard-action-photos-input').setInputFiles(AFTER);
  await entPage.locator('.ant-modal').locator('img').first().waitFor();
  await entPage.getByTestId('hazard-action-comment').fill('已清理纸箱，拆除门锁');
  await entPage.getByTestId('hazard-action-ok').click();
  await entPage.getByTestId('hazard-state').getByText('待验收').waitFor();
  await ctx.screenshot('rectified', entPage);

  // A different official accepts; the hazard closes; the timeline shows every step and the signatures.
  const office = await ctx.newPage({ viewport: DESKTOP, locale: 'zh-CN' });
  await office.goto('/login');
  await login(office, ctx, 'district');
  await office.goto(hazardHref ?? '/');
  await office.getByTestId('hazard-action-accept').click();
  await office.getByTestId('hazard-action-comment').fill('现场复查合格');
  await office.getByTestId('hazard-action-ok').click();
  await office.getByTestId('hazard-state').getByText('已销号').waitFor();
  for (const step of ['create', 'submit', 'accept']) await office.getByTestId(`timeline-${step}`).waitFor();
  check((await office.getByTestId('hazard-signatures').locator('img').count()) === 3, 'the three signatures are shown with the hazard');
  check((await office.getByTestId('hazard-after-photos').locator('img').count()) >= 1, 'the after photo is shown');
  await ctx.screenshot('closed', office);
  const pdf = await office.context().request.get(`/api${hazardHref}/acceptance.pdf`);
  const head = (await pdf.body()).subarray(0, 5).toString('latin1');
  check(pdf.ok() && head === '%PDF-', `the acceptance record is a PDF (got ${pdf.status()} ${head})`);
}
