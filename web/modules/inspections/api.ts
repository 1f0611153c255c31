// Plans, tasks, spot checks and inspections: typed by common/modules/inspections/inspections.contract.ts.
import type { Static } from 'typebox';
import type {
  AnswerBody, CoverageView, GeneratePlanResult, InspectionListQuery, InspectionPage, InspectionView, IntervalRow, SpotCheckBody, SpotCheckView,
  StartInspectionBody, TaskListQuery, TaskPage, TaskView,
} from '../../../common/modules/inspections/inspections.contract.js';
import type { SignatureRole } from '../../../common/modules/inspections/inspections.contract.js';
import { http, seg } from '../../api/client.js';

export type Inspection = Static<typeof InspectionView>;
export type Task = Static<typeof TaskView>;
export type SpotCheck = Static<typeof SpotCheckView>;
export type Coverage = Static<typeof CoverageView>;
export type Answer = Static<typeof AnswerBody>;

export const inspectionsApi = {
  list: (q: Static<typeof InspectionListQuery>, signal?: AbortSignal) => http.get<Static<typeof InspectionPage>>('/api/inspections', q, signal ? { signal } : {}),
  get: (id: string) => http.get<Inspection>(`/api/inspections/${seg(id)}`),
  start: (body: Static<typeof StartInspectionBody>) => http.post<Inspection>('/api/inspections', body),
  answer: (id: string, answers: Answer[]) => http.put<Inspection>(`/api/inspections/${seg(id)}/answers`, { answers }),
  sign: (id: string, role: SignatureRole, signerName: string, png: string) => http.put<Inspection>(`/api/inspections/${seg(id)}/signatures/${role}`, { signerName, png }),
  submit: (id: string, summary?: string) => http.post<Inspection>(`/api/inspections/${seg(id)}/submit`, summary ? { summary } : {}),
  correct: (id: string, reason: string) => http.post<Inspection>(`/api/inspections/${seg(id)}/correct`, { reason }),
  tasks: (q: Static<typeof TaskListQuery>, signal?: AbortSignal) => http.get<Static<typeof TaskPage>>('/api/plans/tasks', q, signal ? { signal } : {}),
  coverage: (q: { unit?: string; period: string }) => http.get<Coverage>('/api/plans/coverage', q),
  generate: (body: { unitCode?: string; period: string }) => http.post<Static<typeof GeneratePlanResult>>('/api/plans/generate', body),
  intervals: () => http.get<{ items: Array<Static<typeof IntervalRow>> }>('/api/plans/intervals'),
  saveIntervals: (items: Array<Static<typeof IntervalRow>>) => http.put<{ items: Array<Static<typeof IntervalRow>> }>('/api/plans/intervals', { items }),
  spotCheck: (body: Static<typeof SpotCheckBody>) => http.post<SpotCheck>('/api/spot-checks', body),
  getSpotCheck: (id: string) => http.get<SpotCheck>(`/api/spot-checks/${seg(id)}`),
  verifySpotCheck: (id: string) => http.get<{ id: string; seed: string; reproduced: boolean }>(`/api/spot-checks/${seg(id)}/verify`),
};
