// The registry pages against a stubbed server: lists with filters, the working of a calculator,
// field problems from the server under their field in the user's language.
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { errorBody, meAs, renderApp, stubFetch } from '../../../test/fixtures.js';

const place = {
  id: '12', name: '老王小吃店', kind: 'small_catering', use: 'restaurant', address: '东关大街12号', grade: 'D', gradedOn: '2026-03-02', riskLevel: 2, riskColour: 'orange',
  threeInOne: false, tags: [], enterprise: null, operatorName: '王', operatorPhone: '138****5678', responsibleName: null, responsiblePhone: null, status: 'active',
  location: { lng: 101.705, lat: 36.605 }, grid: { id: '9', code: '630102001001001', name: '北关社区第1网格' }, gridOverride: false, gridOverrideReason: null,
  updatedAt: '2026-03-02T02:00:00.000Z',
};

describe('registry pages', () => {
  it('lists places with grade and risk tags and masked phones, and searches by name', async () => {
    const { calls } = stubFetch({ 'GET /api/places': { body: { items: [place], nextCursor: null } } });
    renderApp({ me: meAs('community_official'), path: '/places' });
    expect(await screen.findByText('老王小吃店')).toBeInTheDocument();
    expect(screen.getByText('138****5678', { exact: false })).toBeInTheDocument();
    expect(screen.getByText('D')).toBeInTheDocument();
    expect(screen.getByText('橙')).toBeInTheDocument();
    expect(screen.getByText('导出 Excel')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('名称或地址'), '小吃');
    await user.click(screen.getByRole('button', { name: /查\s*询/ }));
    await waitFor(() => expect(calls.some((c) => c.path === '/api/places' && c.method === 'GET')).toBe(true));
    const fetched = (globalThis.fetch as unknown as { mock: { calls: Array<[string]> } }).mock.calls.map((c) => String(c[0]));
    expect(fetched.some((u) => u.includes('q=%E5%B0%8F%E5%90%83'))).toBe(true);
  });

  it('shows the LEC working returned by the server', async () => {
    stubFetch({
      'GET /api/rule-sets/lec.factors': {
        body: {
          summary: {}, versions: [], canEdit: false,
          data: { L: [{ value: 3, meaning: { zh: '可能，但不经常', en: 'possible' } }], E: [{ value: 10, meaning: { zh: '连续暴露', en: 'continuous' } }], C: [{ value: 15, meaning: { zh: '非常严重，一人死亡', en: 'one death' } }] },
        },
      },
      'POST /api/calculators/lec': {
        body: {
          inputs: { L: 3, E: 10, C: 15 }, D: 450, level: 1, colour: 'red', levelName: { zh: '重大风险', en: 'major risk' },
          band: { id: 'extreme', meaning: { zh: '极其危险，不能继续作业', en: 'extremely dangerous' }, interval: '(320, +∞)' },
          working: [{ zh: 'D = L × E × C = 3 × 10 × 15 = 450', en: 'D = L × E × C = 3 × 10 × 15 = 450' }], tables: { factors: { id: 'lec.factors', version: '1' }, bands: { id: 'lec.bands', version: '1' } },
        },
      },
    });
    renderApp({ me: meAs('grid_worker'), path: '/calculators/lec' });
    const user = userEvent.setup();
    for (const [label, option] of [['L 事故发生的可能性', '3 — 可能，但不经常'], ['E 暴露于危险环境的频繁程度', '10 — 连续暴露'], ['C 发生事故产生的后果', '15 — 非常严重，一人死亡']] as const) {
      await user.click(await screen.findByLabelText(label));
      await user.click(await screen.findByTitle(option));
    }
    await user.click(screen.getByRole('button', { name: /计\s*算/ }));
    const result = await screen.findByTestId('lec-result');
    expect(within(result).getByText('D = 450')).toBeInTheDocument();
    expect(within(result).getByText('D = L × E × C = 3 × 10 × 15 = 450')).toBeInTheDocument();
    expect(within(result).getByText('重大风险（红）')).toBeInTheDocument();
  });

  it('puts the server\'s credit-code problem under its field, in Chinese', async () => {
    stubFetch({
      'GET /api/enterprises': { body: { items: [], nextCursor: null } },
      'POST /api/enterprises': {
        status: 400,
        body: errorBody('VALIDATION_FAILED', {
          fields: [{ field: 'body/uscc', message: 'already registered', code: 'uscc.taken' }],
          problems: [{ field: 'body/uscc', code: 'uscc.taken', zh: '统一社会信用代码 91630102MA7ABCDE1C 已登记', en: 'already registered' }],
        }),
      },
    });
    renderApp({ me: meAs('district_safety_office'), path: '/enterprises' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /登记企业/ }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('统一社会信用代码'), '91350100M000100Y43');
    await user.type(within(dialog).getByLabelText('企业名称'), '某公司');
    await user.type(within(dialog).getByLabelText('行业代码（GB/T 4754）'), 'C2614');
    await user.type(within(dialog).getByLabelText('经度'), '101.705');
    await user.type(within(dialog).getByLabelText('纬度'), '36.605');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('统一社会信用代码 91630102MA7ABCDE1C 已登记')).toBeInTheDocument();
  });

  it('checks a credit code on the form before sending it', async () => {
    stubFetch({ 'GET /api/enterprises': { body: { items: [], nextCursor: null } } });
    renderApp({ me: meAs('district_safety_office'), path: '/enterprises' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /登记企业/ }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('统一社会信用代码'), '91350100M000100Y40');
    await user.tab();
    expect(await within(dialog).findByText(/第18位校验码错误：应为“3”，实际为“0”/)).toBeInTheDocument();
  });
});
