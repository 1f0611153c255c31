import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { WorkItem } from '../../../common/modules/notifications/notifications.contract.js';
import { meAs, renderApp, stubFetch } from '../../test/fixtures.js';
import { GRID_WORKER_PHONE_MENU, homeKind, phoneMenu, splitToday, stillOpen, worstUnits, yearStart } from './home.js';

const work = (kind: WorkItem['kind'], id: string, over: Partial<WorkItem> = {}): WorkItem => ({
  kind, id, code: null, title: `${kind} ${id}`, state: null, dueDate: null, overdue: false, daysOverdue: 0, link: { type: kind.startsWith('hazard') ? 'hazard' : 'inspection_task', id }, ...over,
});
const figures = (key: string, found: number, rectified: number, overdue: number, escalated = 0) =>
  ({ key, label: { zh: key, en: key }, found, rectified, rejected: 0, overdue, escalated });

describe('home logic', () => {
  it('gives each role its home, the widest role winning', () => {
    expect(homeKind([{ role: 'grid_worker' }], [])).toBe('grid');
    expect(homeKind([{ role: 'community_official' }], ['stats.read'])).toBe('official');
    expect(homeKind([{ role: 'street_official' }, { role: 'grid_worker' }], ['stats.read'])).toBe('official');
    expect(homeKind([{ role: 'district_safety_office' }], ['stats.read'])).toBe('district');
    expect(homeKind([{ role: 'district_safety_office' }], [])).toBe('official');
    expect(homeKind([{ role: 'system_admin' }], ['user.read'])).toBe('general');
    expect(homeKind([], [])).toBe('general');
  });

  it("splits the grid worker's day into tasks and hazards, overdue first then by due date", () => {
    const day = splitToday([
      work('hazard_rectify', '1', { dueDate: '2026-12-09' }),
      work('inspection_task', '2', { dueDate: '2026-12-05' }),
      work('hazard_rectify', '3', { dueDate: '2026-11-30', overdue: true, daysOverdue: 2 }),
      work('report_triage', '4'),
      work('inspection_task', '5', { dueDate: '2026-12-03' }),
      work('hazard_accept', '6', { dueDate: '2026-11-20', overdue: true, daysOverdue: 12 }),
    ]);
    expect(day.tasks.map((i) => i.id)).toEqual(['5', '2', '4']);
    expect(day.hazards.map((i) => i.id)).toEqual(['6', '3', '1']);
    expect(day.overdue).toBe(2);
  });

  it('ranks the worst units by overdue, then escalated, then still open, leaving out units with nothing wrong', () => {
    const worst = worstUnits([
      figures('a', 10, 10, 0),
      figures('b', 8, 2, 1),
      figures('c', 5, 5, 3),
      figures('d', 9, 1, 1, 2),
      figures('e', 20, 4, 0),
    ], 3);
    expect(worst.map((g) => g.key)).toEqual(['c', 'd', 'b']);
    expect(stillOpen(figures('x', 3, 5, 0))).toBe(0);
    expect(worstUnits([figures('a', 2, 2, 0)])).toEqual([]);
    expect(yearStart('2026-12-02')).toBe('2026-01-01');
  });

  it("gives the grid worker at most seven menu entries on a phone, in the day's order, and others all of theirs", () => {
    const entries = ['audit.log', 'hazards.list', 'home', 'place.list', 'inspections.list', 'notifications.work', 'reports.triage', 'place.map', 'notifications.inbox', 'thing.list', 'calc']
      .map((key) => ({ key }));
    const short = phoneMenu(entries, 'grid');
    expect(short.length).toBeLessThanOrEqual(7);
    expect(short.map((e) => e.key)).toEqual(GRID_WORKER_PHONE_MENU.filter((k) => entries.some((e) => e.key === k)));
    expect(short[0]?.key).toBe('home');
    expect(phoneMenu(entries, 'official')).toHaveLength(entries.length);
  });
});

describe('the home page', () => {
  it("shows the grid worker the two big buttons and today's work as cards", async () => {
    stubFetch({
      'GET /api/my-work': {
        body: {
          today: '2026-12-02',
          items: [
            work('inspection_task', '11', { title: '老王小吃店 月度检查', dueDate: '2026-12-02' }),
            work('hazard_rectify', '12', { title: '灭火器过期', dueDate: '2026-11-30', overdue: true, daysOverdue: 2, code: 'YH-0012' }),
          ],
          counts: { inspection_task: 1, hazard_rectify: 1, overdue: 1 },
        },
      },
    });
    renderApp({ me: meAs('grid_worker'), path: '/' });
    expect(await screen.findByTestId('home-grid')).toBeInTheDocument();
    expect(screen.getByTestId('home-start-inspection')).toHaveTextContent('开始检查');
    expect(screen.getByTestId('home-report-hazard')).toHaveTextContent('上报隐患');
    const tasks = await screen.findByTestId('home-tasks');
    expect(within(tasks).getByText('老王小吃店 月度检查')).toBeInTheDocument();
    const hazards = screen.getByTestId('home-hazards');
    expect(within(hazards).getByText('灭火器过期')).toBeInTheDocument();
    expect(within(hazards).getByText('逾期 2 天')).toBeInTheDocument();
  });

  it("shows the district office its open, overdue and major counts and the worst streets", async () => {
    const stats = (groups: unknown[], open = { open: 7, overdue: 3, listed: 1 }) => ({
      unit: { code: '630102', name: '城东区' }, from: '2026-01-01', to: '2026-12-02',
      totals: { found: 20, rejected: 0, rectified: 12, rectifiedOnTime: 10, onTimeRate: 0.8333, overdue: 3, escalated: 1, reopened: 0 },
      groups, openNow: open,
    });
    const g = (key: string, name: string, found: number, rectified: number, overdue: number) =>
      ({ key, label: { zh: name, en: name }, found, rejected: 0, rectified, rectifiedOnTime: rectified, onTimeRate: null, overdue, escalated: 0, reopened: 0 });
    stubFetch({});
    const fetchMock = globalThis.fetch as unknown as { mockImplementation: (f: (input: RequestInfo | URL) => Promise<Response>) => void };
    fetchMock.mockImplementation(async (input) => {
      const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
      const json = (b: unknown) => new Response(JSON.stringify(b), { status: 200, headers: { 'content-type': 'application/json' } });
      if (url.pathname === '/api/my-work') return json({ today: '2026-12-02', items: [], counts: {} });
      if (url.pathname === '/api/hazards/stats') {
        if (url.searchParams.get('grade') === 'major') return json(stats([], { open: 2, overdue: 1, listed: 1 }));
        if (url.searchParams.get('by') === 'month') return json(stats([g('2026-11', '2026-11', 8, 5, 1)]));
        return json(stats([g('630102001', '东关大街街道', 10, 4, 0), g('630102002', '清真巷街道', 6, 2, 3), g('630102003', '大众街街道', 4, 4, 0)]));
      }
      return new Response('{}', { status: 404 });
    });
    renderApp({ me: meAs('district_safety_office'), path: '/' });
    const figures = await screen.findByTestId('home-figures');
    await within(figures).findByText('7');
    expect(within(figures).getByText('未销号重大隐患')).toBeInTheDocument();
    expect(within(figures).getByText('2')).toBeInTheDocument();
    const worst = await screen.findByTestId('home-worst');
    const lines = within(worst).getAllByText(/^\d\. /).map((e) => e.textContent);
    expect(lines).toEqual(['1. 清真巷街道', '2. 东关大街街道']);
  });
});
