// The hazard ledger: typed by common/modules/hazards/hazards.contract.ts.
import type { Static } from 'typebox';
import type {
  CreateHazardBody, HazardActionBody, HazardDetail, HazardListQuery, HazardPage, HazardRow, HazardSettings, StatsQuery, StatsView,
} from '../../../common/modules/hazards/hazards.contract.js';
import type { FileView } from '../../../common/modules/files/files.contract.js';
import type { HazardAction } from '../../../common/modules/hazards/hazards.workflow.js';
import { http, seg } from '../../api/client.js';

export type HazardItem = Static<typeof HazardRow>;
export type Hazard = Static<typeof HazardDetail>;
export type Stats = Static<typeof StatsView>;
export type UploadedFile = Static<typeof FileView>;

export const hazardsApi = {
  list: (q: Static<typeof HazardListQuery>, signal?: AbortSignal) => http.get<Static<typeof HazardPage>>('/api/hazards', q, signal ? { signal } : {}),
  get: (id: string) => http.get<Hazard>(`/api/hazards/${seg(id)}`),
  create: (body: Static<typeof CreateHazardBody>) => http.post<{ id: string; code: string }>('/api/hazards', body),
  act: (id: string, action: HazardAction, body: Static<typeof HazardActionBody>) =>
    http.post<Hazard>(`/api/hazards/${seg(id)}/${action.replaceAll('_', '-')}`, body),
  stats: (q: Static<typeof StatsQuery>) => http.get<Stats>('/api/hazards/stats', q),
  categories: () => http.get<{ items: Array<{ code: string; zh: string; en: string }> }>('/api/hazards/categories'),
  settings: () => http.get<Static<typeof HazardSettings>>('/api/hazards/settings'),
  upload: (file: Blob, purpose: 'photo' | 'evidence' = 'photo') => {
    const fd = new FormData();
    fd.append('file', file, file instanceof File ? file.name : 'photo.jpg');
    return http.post<UploadedFile>(`/api/files?purpose=${purpose}`, fd);
  },
  noticePdf: (id: string) => `/api/hazards/${seg(id)}/notice.pdf`,
  acceptancePdf: (id: string) => `/api/hazards/${seg(id)}/acceptance.pdf`,
};
