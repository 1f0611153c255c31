// Enterprises: typed by common/modules/enterprises/enterprises.contract.ts.
import type { Static } from 'typebox';
import type {
  CreateEnterpriseBody, CreateProjectBody, EnterpriseDetail, EnterpriseListQuery, EnterprisePage, EnterpriseView, MajorHazardBody, MajorHazardList,
  MajorHazardView, ProjectList, ProjectView, UpdateEnterpriseBody, UpdateOwnEnterpriseBody, UpdateProjectBody,
} from '../../../common/modules/enterprises/enterprises.contract.js';
import type { Ok } from '../../../common/modules/shared/shared.contract.js';
import { http, seg } from '../../api/client.js';

export type Enterprise = Static<typeof EnterpriseView>;
export type EnterpriseFull = Static<typeof EnterpriseDetail>;
export type Project = Static<typeof ProjectView>;
export type MajorHazard = Static<typeof MajorHazardView>;

export const enterprisesApi = {
  list: (q: Static<typeof EnterpriseListQuery>, signal?: AbortSignal) => http.get<Static<typeof EnterprisePage>>('/api/enterprises', q, signal ? { signal } : {}),
  get: (id: string) => http.get<EnterpriseFull>(`/api/enterprises/${seg(id)}`),
  create: (body: Static<typeof CreateEnterpriseBody>) => http.post<EnterpriseFull>('/api/enterprises', body),
  update: (id: string, body: Static<typeof UpdateEnterpriseBody>) => http.patch<EnterpriseFull>(`/api/enterprises/${seg(id)}`, body),
  updateOwn: (id: string, body: Static<typeof UpdateOwnEnterpriseBody>) => http.patch<EnterpriseFull>(`/api/enterprises/${seg(id)}/own`, body),
  projects: (id: string) => http.get<Static<typeof ProjectList>>(`/api/enterprises/${seg(id)}/projects`),
  createProject: (id: string, body: Static<typeof CreateProjectBody>) => http.post<Project>(`/api/enterprises/${seg(id)}/projects`, body),
  updateProject: (id: string, body: Static<typeof UpdateProjectBody>) => http.patch<Project>(`/api/enterprise-projects/${seg(id)}`, body),
  deleteProject: (id: string) => http.del<Static<typeof Ok>>(`/api/enterprise-projects/${seg(id)}`),
  majorHazards: (id: string) => http.get<Static<typeof MajorHazardList>>(`/api/enterprises/${seg(id)}/major-hazards`),
  createMajorHazard: (id: string, body: Static<typeof MajorHazardBody>) => http.post<MajorHazard>(`/api/enterprises/${seg(id)}/major-hazards`, body),
  updateMajorHazard: (id: string, body: Static<typeof MajorHazardBody>) => http.put<MajorHazard>(`/api/major-hazards/${seg(id)}`, body),
  retireMajorHazard: (id: string) => http.del<Static<typeof Ok>>(`/api/major-hazards/${seg(id)}`),
};
