// Things: typed by common/modules/things/things.contract.ts.
import type { Static } from 'typebox';
import type { CreateThingBody, DueList, DueQuery, ThingDetail, ThingListQuery, ThingPage, ThingView, UpdateThingBody } from '../../../common/modules/things/things.contract.js';
import { http, seg } from '../../api/client.js';

export type Thing = Static<typeof ThingView>;
export type ThingFull = Static<typeof ThingDetail>;
export type Due = Static<typeof DueList>;

export const thingsApi = {
  list: (q: Static<typeof ThingListQuery>, signal?: AbortSignal) => http.get<Static<typeof ThingPage>>('/api/things', q, signal ? { signal } : {}),
  get: (id: string) => http.get<ThingFull>(`/api/things/${seg(id)}`),
  due: (q: Static<typeof DueQuery>) => http.get<Due>('/api/things/due', q),
  create: (body: Static<typeof CreateThingBody>) => http.post<ThingFull>('/api/things', body),
  update: (id: string, body: Static<typeof UpdateThingBody>) => http.patch<ThingFull>(`/api/things/${seg(id)}`, body),
};
