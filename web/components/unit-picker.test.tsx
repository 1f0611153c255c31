import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { Providers } from '../app/App.js';
import { meAs, stubFetch } from '../test/fixtures.js';
import { UnitSelect } from './UnitSelect.js';
import { isPinyinQuery, mergeMatches, scopeRoots, unitMatches } from './unit-picker.js';

const node = (code: string, name: string, level: string, childCount: number) => ({
  code, name, shortName: name, level, kind: level, kindSource: 'derived', gridType: null, restricted: false, retired: false, childCount,
  households: null, householdsEstimated: false, population: null, areaM2: null, hasBoundary: true, boundarySource: null, labelPoint: null,
});

describe('unit picker logic', () => {
  it('starts at the units of the grants, leaving out a unit inside another granted one', () => {
    const roots = scopeRoots([
      { unitCode: '630102001', unitName: '东关大街街道' },
      { unitCode: '630102', unitName: '城东区' },
      { unitCode: '630103', unitName: '城中区' },
      { unitCode: '630102', unitName: '城东区' },
    ]);
    expect(roots.map((r) => r.code)).toEqual(['630102', '630103']);
  });

  it('finds a unit by name, by code prefix, and by pinyin initials or full pinyin', () => {
    const u = { code: '630102001', name: '东关大街街道办事处', shortName: '东关大街街道' };
    expect(unitMatches(u, '东关')).toBe(true);
    expect(unitMatches(u, '6301020')).toBe(true);
    expect(unitMatches(u, '630103')).toBe(false);
    expect(unitMatches(u, 'dgdj')).toBe(true);
    expect(unitMatches(u, 'DGDJ')).toBe(true);
    expect(unitMatches(u, 'dongguan')).toBe(true);
    expect(unitMatches(u, 'xn')).toBe(false);
    expect(unitMatches(u, '西宁')).toBe(false);
    expect(isPinyinQuery('cdq')).toBe(true);
    expect(isPinyinQuery('城东')).toBe(false);
  });

  it('merges the server answers with the loaded units the text finds, once each, restricted ones left out', () => {
    const loaded = [
      { code: '630102', name: '城东区' },
      { code: '630102001', name: '东关大街街道' },
      { code: '6301', name: '西宁市', restricted: true },
      { code: '630102002', name: '清真巷街道' },
    ];
    const server = [{ code: '630102001', name: '东关大街街道', context: '城东区' }];
    const out = mergeMatches(loaded, server, 'dg');
    expect(out.map((u) => u.code)).toEqual(['630102001']);
    expect(out[0]?.context).toBe('城东区');
    expect(mergeMatches(loaded, [], 'xn').map((u) => u.code)).toEqual([]);
    expect(mergeMatches(loaded, [], 'qzx').map((u) => u.code)).toEqual(['630102002']);
  });
});

describe('the unit picker', () => {
  it('opens on the user\'s district, loads the streets, finds one by pinyin initials and answers its code', async () => {
    const { calls } = stubFetch({});
    // The tree answers by parent: the district has two streets.
    const answers: Record<string, unknown> = {
      '630102': { parent: { code: '630102', name: '城东区', shortName: '城东区', level: 'district' }, items: [node('630102001', '东关大街街道', 'street', 0), node('630102002', '清真巷街道', 'street', 0)] },
    };
    const fetchMock = globalThis.fetch as unknown as { mockImplementation: (f: (input: RequestInfo | URL) => Promise<Response>) => void };
    fetchMock.mockImplementation(async (input) => {
      const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
      calls.push({ method: 'GET', path: url.pathname + url.search, body: undefined, headers: {} });
      if (url.pathname === '/api/units/tree') {
        const body = answers[url.searchParams.get('parent') ?? ''] ?? { parent: null, items: [] };
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      }
      if (url.pathname === '/api/units/search') return new Response(JSON.stringify({ items: [] }), { status: 200 });
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'x' } }), { status: 404 });
    });
    let chosen = '';
    render(
      <Providers initialMe={meAs('district_safety_office')}>
        <MemoryRouter><UnitSelect onChange={(c) => { chosen = c; }} /></MemoryRouter>
      </Providers>,
    );
    const input = screen.getByRole('combobox');
    await act(async () => { fireEvent.mouseDown(input); });
    expect(await screen.findByText('城东区')).toBeInTheDocument();
    expect(screen.getAllByText('630102').length).toBeGreaterThan(0);
    await act(async () => { fireEvent.change(input, { target: { value: 'qzx' } }); });
    const hit = await screen.findByText('清真巷街道', {}, { timeout: 8000 });
    await waitFor(() => expect(calls.some((c) => c.path === '/api/units/tree?parent=630102')).toBe(true));
    expect(screen.queryByText('东关大街街道')).toBeNull();
    await act(async () => { fireEvent.click(hit); });
    expect(chosen).toBe('630102002');
  });
});
