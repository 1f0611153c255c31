// People at risk: typed by common/modules/people/people.contract.ts.
import type { Static } from 'typebox';
import type { CreatePersonBody, PersonDetail, PersonListQuery, PersonPage, PersonView, UnmaskedPerson, UpdatePersonBody } from '../../../common/modules/people/people.contract.js';
import { http, seg } from '../../api/client.js';

export type Person = Static<typeof PersonView>;
export type PersonFull = Static<typeof PersonDetail>;
export type Unmasked = Static<typeof UnmaskedPerson>;

export const peopleApi = {
  list: (q: Static<typeof PersonListQuery>, signal?: AbortSignal) => http.get<Static<typeof PersonPage>>('/api/people', q, signal ? { signal } : {}),
  lookup: (idNumber: string) => http.post<Static<typeof PersonPage>>('/api/people/lookup', { idNumber }),
  get: (id: string) => http.get<PersonFull>(`/api/people/${seg(id)}`),
  create: (body: Static<typeof CreatePersonBody>) => http.post<PersonFull>('/api/people', body),
  update: (id: string, body: Static<typeof UpdatePersonBody>) => http.patch<PersonFull>(`/api/people/${seg(id)}`, body),
  unmask: (id: string, reason: string) => http.post<Unmasked>(`/api/people/${seg(id)}/unmask`, { reason }),
};
