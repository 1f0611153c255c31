import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderApp, stubFetch } from '../../test/fixtures.js';

const closed = {
  code: 'ABCDEFGHJK', display: 'ABCDE-FGHJK', role: 'reporter', category: { code: 'fire', name: { zh: '消防安全', en: 'Fire safety' } },
  description: '楼道堵塞，联系 139****00', unitName: '北关社区第1网格', submittedAt: '2026-03-02T01:00:00.000Z', updatedAt: '2026-03-05T01:00:00.000Z',
  stage: 'closed', publicState: 'closed', closedAt: '2026-03-05T01:00:00.000Z', rejectReason: null, supporters: 2, photos: 1,
  contact: { name: '陈**', phone: '139****0000', email: null }, reward: { state: 'paid', amount: '300.00' },
  timeline: [
    { at: '2026-03-02T01:00:00.000Z', kind: 'submitted', text: { zh: '已收到您的举报，网格员将尽快核实', en: 'Report received; a grid worker will check it soon' } },
    { at: '2026-03-05T01:00:00.000Z', kind: 'closed', text: { zh: '隐患已整改完毕并销号', en: 'The hazard has been fixed and closed' } },
  ],
};

describe('the public status page', () => {
  it('opens without a login and shows the outcome with masked details', async () => {
    const { calls } = stubFetch({ 'GET /api/public/reports/ABCDEFGHJK': { body: closed } });
    renderApp({ path: '/report/status/ABCDEFGHJK', me: null });
    expect(await screen.findByTestId('status-stage')).toHaveTextContent('已办结');
    expect(screen.getAllByText('隐患已整改完毕并销号').length).toBeGreaterThan(0);
    expect(screen.getByText('陈** · 139****0000')).toBeInTheDocument();
    expect(screen.getByText('已发放 · ¥300.00')).toBeInTheDocument();
    const call = calls.find((c) => c.path === '/api/public/reports/ABCDEFGHJK');
    expect(call?.headers['x-device-token']).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(call?.headers['x-csrf-token']).toBeUndefined();
  });

  it('explains a mistyped or unknown code', async () => {
    stubFetch({});
    renderApp({ path: '/report/status/ABCDEFGHJK', me: null });
    expect(await screen.findByText('没有找到这个查询码，请检查后重试。')).toBeInTheDocument();
    const user = userEvent.setup();
    const input = screen.getByTestId('status-code');
    await user.clear(input);
    await user.type(input, 'abc');
    await user.click(screen.getByTestId('status-lookup'));
    expect(await screen.findByText('查询码为 10 位字母和数字，例如 ABCDE-FGHJK')).toBeInTheDocument();
  });

  it('speaks English when asked', async () => {
    stubFetch({ 'GET /api/public/reports/ABCDEFGHJK': { body: closed } });
    renderApp({ path: '/report/status/ABCDEFGHJK', me: null, locale: 'en' });
    expect(await screen.findByTestId('status-stage')).toHaveTextContent('Done');
    expect(screen.getAllByText('The hazard has been fixed and closed').length).toBeGreaterThan(0);
  });
});
