// Organizations: typed by common/modules/orgs/orgs.contract.ts.
import type { Static } from 'typebox';
import type {
  CreateMemberBody, CreateOrgBody, MemberView, OrgDetail, OrgListQuery, OrgPage, OrgView, ServiceLogBody, ServiceLogList, UpdateMemberBody, UpdateOrgBody,
} from '../../../common/modules/orgs/orgs.contract.js';
import { http, seg } from '../../api/client.js';

export type Org = Static<typeof OrgView>;
export type OrgFull = Static<typeof OrgDetail>;
export type Member = Static<typeof MemberView>;
export type ServiceLogs = Static<typeof ServiceLogList>;

export const orgsApi = {
  list: (q: Static<typeof OrgListQuery>, signal?: AbortSignal) => http.get<Static<typeof OrgPage>>('/api/orgs', q, signal ? { signal } : {}),
  get: (id: string) => http.get<OrgFull>(`/api/orgs/${seg(id)}`),
  create: (body: Static<typeof CreateOrgBody>) => http.post<OrgFull>('/api/orgs', body),
  update: (id: string, body: Static<typeof UpdateOrgBody>) => http.patch<OrgFull>(`/api/orgs/${seg(id)}`, body),
  addMember: (id: string, body: Static<typeof CreateMemberBody>) => http.post<Member>(`/api/orgs/${seg(id)}/members`, body),
  updateMember: (id: string, body: Static<typeof UpdateMemberBody>) => http.patch<Member>(`/api/org-members/${seg(id)}`, body),
  serviceLogs: (id: string) => http.get<ServiceLogs>(`/api/orgs/${seg(id)}/service-logs`),
  addServiceLog: (id: string, body: Static<typeof ServiceLogBody>) => http.post<ServiceLogs>(`/api/orgs/${seg(id)}/service-logs`, body),
};
