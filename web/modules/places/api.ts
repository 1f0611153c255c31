// Places: typed by common/modules/places/places.contract.ts.
import type { Static } from 'typebox';
import type {
  CreatePlaceBody, GradeBody, GradeHistory, GradeResultView, GradingStats, GradingStatsQuery, MapQuery, PlaceDetail, PlaceListQuery, PlaceMap, PlacePage,
  PlaceView, UpdatePlaceBody,
} from '../../../common/modules/places/places.contract.js';
import { http, seg } from '../../api/client.js';

export type Place = Static<typeof PlaceView>;
export type PlaceFull = Static<typeof PlaceDetail>;
export type GradeRecord = Static<typeof GradeHistory>['items'][number];
export type Stats = Static<typeof GradingStats>;

export const placesApi = {
  list: (q: Static<typeof PlaceListQuery>, signal?: AbortSignal) => http.get<Static<typeof PlacePage>>('/api/places', q, signal ? { signal } : {}),
  get: (id: string) => http.get<PlaceFull>(`/api/places/${seg(id)}`),
  create: (body: Static<typeof CreatePlaceBody>) => http.post<PlaceFull>('/api/places', body),
  update: (id: string, body: Static<typeof UpdatePlaceBody>) => http.patch<PlaceFull>(`/api/places/${seg(id)}`, body),
  grade: (id: string, body: Static<typeof GradeBody>) => http.post<Static<typeof GradeResultView>>(`/api/places/${seg(id)}/grade`, body),
  grades: (id: string) => http.get<Static<typeof GradeHistory>>(`/api/places/${seg(id)}/grades`),
  map: (q: Static<typeof MapQuery>) => http.get<Static<typeof PlaceMap>>('/api/places/map', q),
  stats: (q: Static<typeof GradingStatsQuery>) => http.get<Stats>('/api/places/grading/stats', q),
  unitAreas: (code: string) => http.get<object>(`/api/units/${seg(code)}/children/geojson`),
};
