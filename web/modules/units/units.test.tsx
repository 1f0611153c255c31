import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { Providers } from '../../app/App.js';
import { meAs, stubFetch } from '../../test/fixtures.js';
import { UnitDetailPanel } from './components/UnitDetailPanel.js';
import { ImportReportView } from './pages/ImportPage.js';
import { polygonFromGeoJson } from './pages/BoundaryEditPage.js';
import type { Import, UnitDetailView } from './api.js';

const grid: UnitDetailView = {
  code: '630102001001001', name: '北关社区第1网格', shortName: '北关社区第1网格', level: 'grid', kind: '综合网格', kindSource: 'derived',
  gridType: 'general', restricted: false, retired: false, childCount: 0, households: 410, householdsEstimated: true, population: null,
  areaM2: 350000, hasBoundary: true, boundarySource: 'generated', labelPoint: [101.78, 36.62],
  ancestors: [
    { code: '6301', name: '西宁市', shortName: '西宁市', level: 'city' },
    { code: '630102001001', name: '北关社区居民委员会', shortName: '北关社区', level: 'community' },
  ],
  validFrom: '2026-03-02T01:00:00.000Z', retiredAt: null, asOf: null, bbox: [101.7, 36.6, 101.8, 36.7],
  boundary: { version: 1, source: 'generated', validFrom: '2026-03-02T01:00:00.000Z', validTo: null, areaM2: 350000, changedBy: null, reason: null },
  leader: { name: '王主任', phone: '138****5678' }, safetyOfficer: null,
  workers: [{ userId: '12', username: 'gridworker', displayName: '网格员 张敏', assignedAt: '2026-03-02T01:00:00.000Z' }],
  counts: { places: 3, hazards: 1 },
  abilities: { manage: false, assignWorkers: true, generate: false, import: false },
};

function renderIn(ui: ReactElement) {
  return render(<Providers initialMe={meAs('community_official')}><MemoryRouter>{ui}</MemoryRouter></Providers>);
}

describe('the grid panel', () => {
  it('shows the grid worker, the masked phone of the responsible person and the counts', () => {
    stubFetch({});
    renderIn(<UnitDetailPanel detail={grid} onChanged={() => {}} />);
    const panel = screen.getByTestId('unit-detail');
    expect(within(panel).getByTestId('grid-worker')).toHaveTextContent('网格员 张敏');
    expect(within(panel).getByText('王主任 138****5678')).toBeInTheDocument();
    expect(within(panel).getByText('场所: 3')).toBeInTheDocument();
    expect(within(panel).getByText('估算')).toBeInTheDocument();
    expect(within(panel).getByText('350000 平方米')).toBeInTheDocument();
  });

  it('shows only the name of a unit above the user\'s area', () => {
    stubFetch({});
    renderIn(<UnitDetailPanel detail={{ ...grid, level: 'city', code: '6301', name: '西宁市', shortName: '西宁市', restricted: true }} onChanged={() => {}} />);
    expect(screen.getByText('上级单位，仅显示名称')).toBeInTheDocument();
  });
});

describe('the import report', () => {
  it('lists the rename, the district without polygon and the repairs', () => {
    const zero = { province: 0, city: 0, district: 0, street: 0, community: 0 };
    const report: Import = {
      cities: [{ code: '6301', name: '西宁市' }], files: [{ name: 'areas.csv', rows: 7 }],
      counts: { ...zero, city: 1, district: 7, street: 80, community: 1100 }, totals: { ...zero, city: 1, district: 7, street: 80, community: 1100 },
      added: { ...zero, city: 1, district: 7, street: 80, community: 1100 }, renamed: zero, retiredCount: zero, reactivated: 0, renamedUnits: [],
      polygonRenames: [{ code: '630106', polygonName: '湟中县', polygonId: '630122', unitName: '湟中区', matchedBy: 'normalized name' }],
      matchedPolygons: [], unmatchedPolygons: [], withoutPolygon: [{ code: '630199', name: '某县', level: 'district' }],
      repaired: [{ code: '630102', name: '城东区', actions: ['removed 161 repeated points'] }], keptUserBoundaries: [], kindNotes: [], manualKindsKept: [],
      retired: [], skippedRows: [], boundariesChanged: 8, changed: true, durationMs: 1500,
    };
    renderIn(<ImportReportView report={report} />);
    const card = screen.getByTestId('import-report');
    expect(within(card).getByText(/湟中县 → 湟中区 \(630106\)/)).toBeInTheDocument();
    expect(within(card).getByText('某县 (630199)')).toBeInTheDocument();
    expect(within(card).getAllByText('1100', { selector: 'td' })).toHaveLength(3);
  });
});

describe('reading an uploaded boundary', () => {
  it('takes the first polygon of a geometry, a Feature or a FeatureCollection', () => {
    const poly = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
    expect(polygonFromGeoJson(JSON.stringify(poly))).toEqual(poly);
    expect(polygonFromGeoJson(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] } }, { type: 'Feature', geometry: poly }] }))).toEqual(poly);
    expect(polygonFromGeoJson('not json')).toBeNull();
    expect(polygonFromGeoJson(JSON.stringify({ type: 'LineString', coordinates: [] }))).toBeNull();
  });
});
