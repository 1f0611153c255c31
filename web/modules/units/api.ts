// The unit tree, its map layers, coverage, boundary edits, grid workers and the division import:
// typed by common/modules/units/units.contract.ts.
import type { Static } from 'typebox';
import type {
  CoverageReport, CoverageTreeReport, GenerateBody, GenerateReport, ImportList, ImportReport, LocateResponse, PolygonalGeometry,
  ReplaceBoundaryBody, ReplaceBoundaryResponse, ResponsibleResponse, SearchResponse, TreeResponse, UnitDetail, UnitFeatureCollection,
  UpdateUnitBody, WorkersResponse, BoundaryHistory,
} from '../../../common/modules/units/units.contract.js';
import { http, seg } from '../../api/client.js';

export type UnitTree = Static<typeof TreeResponse>;
export type UnitNodeItem = UnitTree['items'][number];
export type UnitDetailView = Static<typeof UnitDetail>;
export type Responsible = Static<typeof ResponsibleResponse>;
export type UnitFeatures = Static<typeof UnitFeatureCollection>;
export type Coverage = Static<typeof CoverageReport>;
export type CoverageTree = Static<typeof CoverageTreeReport>;
export type Import = Static<typeof ImportReport>;
export type Generate = Static<typeof GenerateReport>;
export type Geometry = Static<typeof PolygonalGeometry>;
export type SearchItem = Static<typeof SearchResponse>['items'][number];

export interface BoundaryFeatureView {
  type: 'Feature';
  id: string;
  geometry: Geometry;
  properties: { code: string; name: string; level: string; version: number; source: string; validFrom: string; validTo: string | null; areaM2: number };
}

export const unitsApi = {
  tree: (parent?: string) => http.get<UnitTree>('/api/units/tree', parent ? { parent } : {}),
  detail: (code: string, asOf?: string) => http.get<UnitDetailView>(`/api/units/${seg(code)}`, asOf ? { asOf } : {}),
  update: (code: string, body: Static<typeof UpdateUnitBody>) => http.patch<UnitDetailView>(`/api/units/${seg(code)}`, body),
  children: (code: string, zoom?: number, asOf?: string) =>
    http.get<UnitFeatures>(`/api/units/${seg(code)}/children/geojson`, { ...(zoom !== undefined ? { zoom } : {}), ...(asOf ? { asOf } : {}) }),
  boundary: (code: string, asOf?: string) => http.get<BoundaryFeatureView>(`/api/units/${seg(code)}/boundary`, asOf ? { asOf } : {}),
  boundaries: (code: string) => http.get<Static<typeof BoundaryHistory>>(`/api/units/${seg(code)}/boundaries`),
  replaceBoundary: (code: string, body: Static<typeof ReplaceBoundaryBody>) =>
    http.put<Static<typeof ReplaceBoundaryResponse>>(`/api/units/${seg(code)}/boundary`, body),
  coverage: (code: string, toleranceM2?: number) => http.get<Coverage>(`/api/units/${seg(code)}/coverage`, toleranceM2 !== undefined ? { toleranceM2 } : {}),
  coverageTree: (code: string, toleranceM2?: number) =>
    http.get<CoverageTree>(`/api/units/${seg(code)}/coverage/tree`, toleranceM2 !== undefined ? { toleranceM2 } : {}),
  search: (q: string, limit = 20) => http.get<Static<typeof SearchResponse>>('/api/units/search', { q, limit }),
  locate: (lng: number, lat: number) => http.get<Static<typeof LocateResponse>>('/api/units/locate', { lng, lat }),
  responsible: (lng: number, lat: number) => http.get<Responsible>('/api/units/responsible', { lng, lat }),
  assignWorker: (code: string, username: string) => http.post<Static<typeof WorkersResponse>>(`/api/units/${seg(code)}/workers`, { username }),
  unassignWorker: (code: string, userId: string) => http.del<Static<typeof WorkersResponse>>(`/api/units/${seg(code)}/workers/${seg(userId)}`),
  generate: (body: Static<typeof GenerateBody>) => http.post<Generate>('/api/units/grids/generate', body),
  importFiles: (form: FormData, city?: string) => http.post<Import>('/api/units/import', form, city ? { query: { city } } : {}),
  imports: () => http.get<Static<typeof ImportList>>('/api/units/imports'),
};
